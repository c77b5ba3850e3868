-- Version 16: support policies (政策与支持). 资金奖补 (fund grants, each citing its policy clause), 融资白名单 (white-list
-- entries with the loans and guarantees that came of them, 朔政办发〔2023〕19号 四（十三）) and 上市后备企业资源库 (listing
-- reserve pool, stages 个转企、小升规、规改股、股上市 of 阳政办发〔2023〕24号 五（二）, with the dates an enterprise moved).
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

CREATE TABLE "fund_grants" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_fund_grants" PRIMARY KEY AUTOINCREMENT,
    "fund_name" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "policy_pack_id" TEXT NOT NULL,
    "clause_source" TEXT NOT NULL,
    "recipient_kind" INTEGER NOT NULL,
    "county_id" INTEGER NOT NULL,
    "specialized_town_id" INTEGER NULL,
    "enterprise_id" INTEGER NULL,
    "amount_wan_yuan" TEXT NOT NULL,
    "granted_on" TEXT NOT NULL,
    "document_number" TEXT NULL,
    "purpose" TEXT NOT NULL,
    "expected_outcome" TEXT NOT NULL,
    "target_value" TEXT NULL,
    "target_unit" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_fund_grants_enterprises_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_fund_grants_jurisdictions_county_id" FOREIGN KEY ("county_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_fund_grants_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE RESTRICT
);

CREATE TABLE "listing_candidates" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_listing_candidates" PRIMARY KEY AUTOINCREMENT,
    "enterprise_id" INTEGER NOT NULL,
    "county_id" INTEGER NOT NULL,
    "specialized_town_id" INTEGER NULL,
    "stage" INTEGER NOT NULL,
    "admitted_on" TEXT NOT NULL,
    "target_board" TEXT NULL,
    "note" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_listing_candidates_enterprises_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_listing_candidates_jurisdictions_county_id" FOREIGN KEY ("county_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_listing_candidates_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE RESTRICT
);

CREATE TABLE "white_list_entries" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_white_list_entries" PRIMARY KEY AUTOINCREMENT,
    "enterprise_id" INTEGER NOT NULL,
    "county_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "recommended_by" TEXT NOT NULL,
    "recommended_on" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "financing_need_wan_yuan" TEXT NULL,
    "note" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_white_list_entries_enterprises_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_white_list_entries_jurisdictions_county_id" FOREIGN KEY ("county_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "listing_stage_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_listing_stage_changes" PRIMARY KEY AUTOINCREMENT,
    "listing_candidate_id" INTEGER NOT NULL,
    "from_stage" INTEGER NULL,
    "to_stage" INTEGER NOT NULL,
    "changed_on" TEXT NOT NULL,
    "note" TEXT NULL,
    "changed_by" TEXT NOT NULL,
    CONSTRAINT "FK_listing_stage_changes_listing_candidates_listing_candidate_id" FOREIGN KEY ("listing_candidate_id") REFERENCES "listing_candidates" ("id") ON DELETE CASCADE
);

CREATE TABLE "white_list_financings" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_white_list_financings" PRIMARY KEY AUTOINCREMENT,
    "white_list_entry_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "institution" TEXT NOT NULL,
    "amount_wan_yuan" TEXT NOT NULL,
    "granted_on" TEXT NOT NULL,
    "term_months" INTEGER NOT NULL,
    "note" TEXT NULL,
    CONSTRAINT "FK_white_list_financings_white_list_entries_white_list_entry_id" FOREIGN KEY ("white_list_entry_id") REFERENCES "white_list_entries" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_fund_grants_clause" ON "fund_grants" ("clause_source");

CREATE INDEX "ix_fund_grants_county_date" ON "fund_grants" ("county_id", "granted_on");

CREATE INDEX "ix_fund_grants_enterprise" ON "fund_grants" ("enterprise_id");

CREATE INDEX "ix_fund_grants_town" ON "fund_grants" ("specialized_town_id");

CREATE INDEX "ix_listing_candidates_county_stage" ON "listing_candidates" ("county_id", "stage");

CREATE UNIQUE INDEX "ix_listing_candidates_enterprise" ON "listing_candidates" ("enterprise_id");

CREATE INDEX "ix_listing_candidates_town" ON "listing_candidates" ("specialized_town_id");

CREATE INDEX "ix_listing_stage_changes_candidate" ON "listing_stage_changes" ("listing_candidate_id");

CREATE INDEX "ix_white_list_entries_county_year" ON "white_list_entries" ("county_id", "year");

CREATE UNIQUE INDEX "ix_white_list_entries_enterprise_year" ON "white_list_entries" ("enterprise_id", "year");

CREATE INDEX "ix_white_list_financings_entry" ON "white_list_financings" ("white_list_entry_id");
