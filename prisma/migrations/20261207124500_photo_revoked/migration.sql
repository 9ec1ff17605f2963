-- /撤销 withdraws a 痕迹 photo without deleting it or its file.
ALTER TABLE "TracePhoto" ADD COLUMN "revokedAt" TIMESTAMP(3);
