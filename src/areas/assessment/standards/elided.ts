/** Text for the parts the source document leaves out (`…………`): the 组织办 fills them in by loading a revision. */
export const ELIDED_CRITERION = '（原文此处省略，待组织办补充考核评价标准）';
export const ELIDED_METHOD = '（原文此处省略，待组织办补充考评方式；在补充之前由考核小组酌情评分）';
