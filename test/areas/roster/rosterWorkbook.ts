import ExcelJS from 'exceljs';

/** Builds a roster .xlsx in memory the way a 组织办 would fill it in. */
export async function rosterWorkbook(members: (string | number)[][], orgs?: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  if (orgs) {
    const sheet = workbook.addWorksheet('组织');
    sheet.addRow(['组织名称', '简称', '层级', '领域', '上级组织', '片区', '主题党日']);
    for (const row of orgs) sheet.addRow(row);
  }
  const sheet = workbook.addWorksheet('名册');
  sheet.addRow(['组织', '姓名', '手机', '角色', '班子成员']);
  for (const row of members) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
