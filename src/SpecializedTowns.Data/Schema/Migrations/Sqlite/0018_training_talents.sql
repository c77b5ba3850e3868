-- Version 18: 人才培训 and 人才 (policy support, talent). Training programmes with their trainees and the trainees employed
-- afterwards (培训后就业率, 朔政办发〔2023〕19号 四（八） "力争…达到80%"), and the talent register of 四（二） (领军企业家、高层次人才、
-- 管理/技术/营销人才、工艺美术大师、非遗传承人、科技专家服务团成员 with the town they help "一对一").
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

CREATE TABLE "training_programmes" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_training_programmes" PRIMARY KEY AUTOINCREMENT,
    "county_id" INTEGER NOT NULL,
    "specialized_town_id" INTEGER NULL,
    "title" TEXT NOT NULL,
    "mode" INTEGER NOT NULL,
    "organiser" TEXT NOT NULL,
    "organiser_kind" INTEGER NOT NULL,
    "start_on" TEXT NOT NULL,
    "end_on" TEXT NOT NULL,
    "trainees" INTEGER NOT NULL,
    "employed" INTEGER NULL,
    "subsidy_wan_yuan" TEXT NULL,
    "policy_pack_id" TEXT NOT NULL,
    "clause_source" TEXT NOT NULL,
    "note" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_training_programmes_jurisdictions_county_id" FOREIGN KEY ("county_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_training_programmes_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE RESTRICT
);

CREATE TABLE "talents" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_talents" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "county_id" INTEGER NOT NULL,
    "specialized_town_id" INTEGER NULL,
    "enterprise_id" INTEGER NULL,
    "kind" INTEGER NOT NULL,
    "employer" TEXT NULL,
    "job_title" TEXT NULL,
    "honours" TEXT NULL,
    "year" INTEGER NOT NULL,
    "note" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_talents_enterprises_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_talents_jurisdictions_county_id" FOREIGN KEY ("county_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_talents_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_talents_county_kind" ON "talents" ("county_id", "kind");

CREATE INDEX "ix_talents_enterprise" ON "talents" ("enterprise_id");

CREATE INDEX "ix_talents_town" ON "talents" ("specialized_town_id");

CREATE INDEX "ix_training_programmes_county_end" ON "training_programmes" ("county_id", "end_on");

CREATE INDEX "ix_training_programmes_town" ON "training_programmes" ("specialized_town_id");
