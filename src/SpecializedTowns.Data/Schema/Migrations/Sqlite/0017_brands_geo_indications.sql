-- Version 17: 品牌标准. A brand may hold an honour (“山西精品”公用品牌, whose quota per town 朔政办发〔2023〕19号 四（四）
-- sets; 老字号; 驰名商标), and 地理标志 applications (三（七） "加快申请注册‘朔州陶瓷’‘怀仁羔羊肉’等一批地理标志保护品牌")
-- are tracked with their status history; a granted one records its brand on the town.
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

ALTER TABLE "brands" ADD COLUMN "honour" INTEGER NULL;

CREATE TABLE "geo_indication_applications" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_geo_indication_applications" PRIMARY KEY AUTOINCREMENT,
    "county_id" INTEGER NOT NULL,
    "specialized_town_id" INTEGER NULL,
    "name" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "applicant" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "status_since" TEXT NOT NULL,
    "submitted_on" TEXT NULL,
    "approved_on" TEXT NULL,
    "registration_number" TEXT NULL,
    "brand_id" INTEGER NULL,
    "clause_source" TEXT NOT NULL,
    "note" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_geo_indication_applications_brands_brand_id" FOREIGN KEY ("brand_id") REFERENCES "brands" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_geo_indication_applications_jurisdictions_county_id" FOREIGN KEY ("county_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_geo_indication_applications_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE RESTRICT
);

CREATE TABLE "geo_indication_status_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_geo_indication_status_changes" PRIMARY KEY AUTOINCREMENT,
    "application_id" INTEGER NOT NULL,
    "from_status" INTEGER NULL,
    "to_status" INTEGER NOT NULL,
    "changed_on" TEXT NOT NULL,
    "note" TEXT NULL,
    "changed_by" TEXT NOT NULL,
    CONSTRAINT "FK_geo_indication_status_changes_geo_indication_applications_application_id" FOREIGN KEY ("application_id") REFERENCES "geo_indication_applications" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_geo_indications_brand" ON "geo_indication_applications" ("brand_id");
CREATE INDEX "ix_geo_indications_county_status" ON "geo_indication_applications" ("county_id", "status");
CREATE INDEX "ix_geo_indications_town" ON "geo_indication_applications" ("specialized_town_id");
CREATE INDEX "ix_geo_indication_status_changes_application" ON "geo_indication_status_changes" ("application_id");
