-- Version 1: jurisdictions, policy documents, specialized towns with tier history and statistics, enterprises.
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.
CREATE TABLE "jurisdictions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_jurisdictions" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "code" TEXT NULL,
    "parent_id" INTEGER NULL,
    "path" TEXT NOT NULL,
    CONSTRAINT "FK_jurisdictions_jurisdictions_parent_id" FOREIGN KEY ("parent_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT
);


CREATE TABLE "policy_documents" (
    "id" TEXT NOT NULL CONSTRAINT "PK_policy_documents" PRIMARY KEY,
    "number" TEXT NULL,
    "title" TEXT NOT NULL,
    "jurisdiction_name" TEXT NOT NULL,
    "jurisdiction_id" INTEGER NULL,
    "level" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "issued_on" TEXT NULL,
    "pack_yaml" TEXT NOT NULL,
    "loaded_at_utc" TEXT NOT NULL,
    CONSTRAINT "FK_policy_documents_jurisdictions_jurisdiction_id" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdictions" ("id") ON DELETE SET NULL
);


CREATE TABLE "specialized_towns" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_specialized_towns" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "county_id" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "leading_industry" TEXT NOT NULL,
    "leading_products" TEXT NULL,
    "tier" INTEGER NOT NULL,
    "policy_id" TEXT NULL,
    "historical_origin_or_gi" INTEGER NOT NULL,
    "large_national_market_space" INTEGER NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_specialized_towns_jurisdictions_county_id" FOREIGN KEY ("county_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT
);


CREATE TABLE "enterprises" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_enterprises" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "uscc" TEXT NOT NULL,
    "county_id" INTEGER NOT NULL,
    "township_id" INTEGER NULL,
    "specialized_town_id" INTEGER NULL,
    "role" INTEGER NOT NULL,
    "is_above_scale" INTEGER NOT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_enterprises_jurisdictions_county_id" FOREIGN KEY ("county_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_enterprises_jurisdictions_township_id" FOREIGN KEY ("township_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_enterprises_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE SET NULL
);


CREATE TABLE "specialized_town_townships" (
    "specialized_town_id" INTEGER NOT NULL,
    "township_id" INTEGER NOT NULL,
    CONSTRAINT "PK_specialized_town_townships" PRIMARY KEY ("specialized_town_id", "township_id"),
    CONSTRAINT "FK_specialized_town_townships_jurisdictions_township_id" FOREIGN KEY ("township_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_specialized_town_townships_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE CASCADE
);


CREATE TABLE "tier_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_tier_changes" PRIMARY KEY AUTOINCREMENT,
    "specialized_town_id" INTEGER NOT NULL,
    "tier" INTEGER NOT NULL,
    "standard_id" TEXT NULL,
    "effective_on" TEXT NOT NULL,
    "document_number" TEXT NULL,
    "note" TEXT NULL,
    CONSTRAINT "FK_tier_changes_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE CASCADE
);


CREATE TABLE "town_annual_statistics" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_town_annual_statistics" PRIMARY KEY AUTOINCREMENT,
    "specialized_town_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "output_value_wan_yuan" TEXT NULL,
    "revenue_wan_yuan" TEXT NULL,
    "tax_wan_yuan" TEXT NULL,
    "employment" INTEGER NULL,
    "provincial_market_share_percent" TEXT NULL,
    "city_market_share_percent" TEXT NULL,
    "national_market_share_percent" TEXT NULL,
    "export_wan_yuan" TEXT NULL,
    "patents" INTEGER NULL,
    "public_service_platforms" INTEGER NULL,
    "leading_enterprises" INTEGER NULL,
    "supporting_enterprises" INTEGER NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_town_annual_statistics_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE CASCADE
);


CREATE TABLE "brands" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_brands" PRIMARY KEY AUTOINCREMENT,
    "specialized_town_id" INTEGER NULL,
    "enterprise_id" INTEGER NULL,
    "name" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "year" INTEGER NULL,
    CONSTRAINT "FK_brands_enterprises_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_brands_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE CASCADE
);


CREATE TABLE "enterprise_annual_statistics" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_enterprise_annual_statistics" PRIMARY KEY AUTOINCREMENT,
    "enterprise_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "output_value_wan_yuan" TEXT NULL,
    "revenue_wan_yuan" TEXT NULL,
    "tax_wan_yuan" TEXT NULL,
    "employment" INTEGER NULL,
    "export_wan_yuan" TEXT NULL,
    "patents" INTEGER NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_enterprise_annual_statistics_enterprises_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE CASCADE
);


CREATE TABLE "enterprise_designations" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_enterprise_designations" PRIMARY KEY AUTOINCREMENT,
    "enterprise_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "year" INTEGER NULL,
    CONSTRAINT "FK_enterprise_designations_enterprises_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE CASCADE
);


CREATE TABLE "industry_standards" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_industry_standards" PRIMARY KEY AUTOINCREMENT,
    "specialized_town_id" INTEGER NULL,
    "enterprise_id" INTEGER NULL,
    "name" TEXT NOT NULL,
    "code" TEXT NULL,
    "kind" INTEGER NOT NULL,
    "role" INTEGER NOT NULL,
    CONSTRAINT "FK_industry_standards_enterprises_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_industry_standards_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE CASCADE
);


CREATE INDEX "ix_brands_enterprise_id" ON "brands" ("enterprise_id");


CREATE INDEX "ix_brands_specialized_town_id" ON "brands" ("specialized_town_id");


CREATE UNIQUE INDEX "ix_enterprise_annual_statistics_enterprise_year" ON "enterprise_annual_statistics" ("enterprise_id", "year");


CREATE UNIQUE INDEX "ix_enterprise_designations_enterprise_key" ON "enterprise_designations" ("enterprise_id", "key");


CREATE INDEX "ix_enterprises_county_id" ON "enterprises" ("county_id");


CREATE INDEX "ix_enterprises_specialized_town_id" ON "enterprises" ("specialized_town_id");


CREATE INDEX "ix_enterprises_township_id" ON "enterprises" ("township_id");


CREATE UNIQUE INDEX "ix_enterprises_uscc" ON "enterprises" ("uscc");


CREATE INDEX "ix_industry_standards_enterprise_id" ON "industry_standards" ("enterprise_id");


CREATE INDEX "ix_industry_standards_specialized_town_id" ON "industry_standards" ("specialized_town_id");


CREATE INDEX "ix_jurisdictions_parent_id" ON "jurisdictions" ("parent_id");


CREATE UNIQUE INDEX "ix_jurisdictions_path" ON "jurisdictions" ("path");


CREATE INDEX "ix_policy_documents_jurisdiction_id" ON "policy_documents" ("jurisdiction_id");


CREATE INDEX "ix_specialized_town_townships_township_id" ON "specialized_town_townships" ("township_id");


CREATE UNIQUE INDEX "ix_specialized_towns_county_id_name" ON "specialized_towns" ("county_id", "name");


CREATE INDEX "ix_specialized_towns_tier" ON "specialized_towns" ("tier");


CREATE INDEX "ix_tier_changes_specialized_town_id" ON "tier_changes" ("specialized_town_id");


CREATE UNIQUE INDEX "ix_town_annual_statistics_town_year" ON "town_annual_statistics" ("specialized_town_id", "year");



