-- DingTalk (钉钉) groups as a fifth platform: chat identities, groups, inbound events and deliveries may name it.
ALTER TYPE "Platform" ADD VALUE IF NOT EXISTS 'DINGTALK';
