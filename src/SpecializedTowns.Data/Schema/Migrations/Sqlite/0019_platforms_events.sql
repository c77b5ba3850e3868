-- Version 19: 公共服务平台 (public service platforms of a town, each with the functions it offers, read against the
-- recognition criterion 朔政办发〔2023〕19号 二（七）) and 展会活动 (博览会、展销会、推介会… held or attended for one or more
-- towns, with the enterprises that took part and what they signed; 三（八）、四（十六）、四（十七）).
-- Generated from the EF model with 'db script', then kept by hand. Never edit a released step: add a new one.

CREATE TABLE "trade_events" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_trade_events" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "role" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "start_on" TEXT NOT NULL,
    "end_on" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "organiser" TEXT NOT NULL,
    "policy_pack_id" TEXT NULL,
    "clause_source" TEXT NULL,
    "jurisdiction_id" INTEGER NOT NULL,
    "note" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_trade_events_jurisdictions_jurisdiction_id" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "service_platforms" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_service_platforms" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "county_id" INTEGER NOT NULL,
    "specialized_town_id" INTEGER NOT NULL,
    "operator" TEXT NOT NULL,
    "operator_kind" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "established_year" INTEGER NOT NULL,
    "mode" INTEGER NOT NULL,
    "served_year" INTEGER NULL,
    "enterprises_served" INTEGER NULL,
    "note" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "is_demo" INTEGER NOT NULL,
    CONSTRAINT "FK_service_platforms_jurisdictions_county_id" FOREIGN KEY ("county_id") REFERENCES "jurisdictions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_service_platforms_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE RESTRICT
);

CREATE TABLE "trade_event_towns" (
    "trade_event_id" INTEGER NOT NULL,
    "specialized_town_id" INTEGER NOT NULL,
    CONSTRAINT "PK_trade_event_towns" PRIMARY KEY ("trade_event_id", "specialized_town_id"),
    CONSTRAINT "FK_trade_event_towns_specialized_towns_specialized_town_id" FOREIGN KEY ("specialized_town_id") REFERENCES "specialized_towns" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_trade_event_towns_trade_events_trade_event_id" FOREIGN KEY ("trade_event_id") REFERENCES "trade_events" ("id") ON DELETE CASCADE
);

CREATE TABLE "trade_event_participants" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_trade_event_participants" PRIMARY KEY AUTOINCREMENT,
    "trade_event_id" INTEGER NOT NULL,
    "enterprise_id" INTEGER NOT NULL,
    "intended_wan_yuan" TEXT NULL,
    "deal_wan_yuan" TEXT NULL,
    CONSTRAINT "FK_trade_event_participants_enterprises_enterprise_id" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_trade_event_participants_trade_events_trade_event_id" FOREIGN KEY ("trade_event_id") REFERENCES "trade_events" ("id") ON DELETE CASCADE
);

CREATE TABLE "service_platform_functions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_service_platform_functions" PRIMARY KEY AUTOINCREMENT,
    "service_platform_id" INTEGER NOT NULL,
    "function" INTEGER NOT NULL,
    CONSTRAINT "FK_service_platform_functions_service_platforms_service_platform_id" FOREIGN KEY ("service_platform_id") REFERENCES "service_platforms" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_service_platform_functions_function" ON "service_platform_functions" ("function");

CREATE UNIQUE INDEX "ix_service_platform_functions_platform_function" ON "service_platform_functions" ("service_platform_id", "function");

CREATE INDEX "ix_service_platforms_county" ON "service_platforms" ("county_id");

CREATE UNIQUE INDEX "ix_service_platforms_town_name" ON "service_platforms" ("specialized_town_id", "name");

CREATE INDEX "ix_trade_event_participants_enterprise" ON "trade_event_participants" ("enterprise_id");

CREATE UNIQUE INDEX "ix_trade_event_participants_event_enterprise" ON "trade_event_participants" ("trade_event_id", "enterprise_id");

CREATE INDEX "ix_trade_event_towns_town" ON "trade_event_towns" ("specialized_town_id");

CREATE INDEX "ix_trade_events_jurisdiction" ON "trade_events" ("jurisdiction_id");

CREATE INDEX "ix_trade_events_start" ON "trade_events" ("start_on");
