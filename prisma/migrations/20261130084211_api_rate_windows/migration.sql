-- CreateTable
CREATE TABLE "api_rate_windows" (
    "api_key_id" BIGINT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "api_rate_windows_pkey" PRIMARY KEY ("api_key_id")
);

-- AddForeignKey
ALTER TABLE "api_rate_windows" ADD CONSTRAINT "api_rate_windows_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

