-- Version 11: national market-share ranks of leading products (全国市场占有率排名), read by the commendation triggers of 朔政办发〔2023〕19号 四（九）.
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

CREATE TABLE "product_market_ranks" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_product_market_ranks" PRIMARY KEY AUTOINCREMENT,
    "specialized_town_id" INTEGER NOT NULL,
    "enterprise_id" INTEGER NULL,
    "product" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "ranking_source" TEXT NOT NULL,
    "note" TEXT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at_utc" TEXT NOT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_product_market_ranks_enterprises_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_product_market_ranks_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_product_market_ranks_enterprise" ON "product_market_ranks" ("enterprise_id");

CREATE INDEX "ix_product_market_ranks_town_year" ON "product_market_ranks" ("specialized_town_id", "year");
