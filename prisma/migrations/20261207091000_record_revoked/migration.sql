-- /撤销 withdraws a record without deleting it.
ALTER TYPE "RecordStatus" ADD VALUE 'REVOKED';
