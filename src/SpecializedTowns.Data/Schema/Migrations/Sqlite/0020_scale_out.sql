-- Version 20: what several web processes behind one load balancer must share. The data-protection key ring (it signs the
-- sign-in cookie, antiforgery tokens, TempData and bearer tokens), so any process reads what another wrote; without it
-- each process makes its own keys and a user is signed out whenever another process answers.
-- Never edit a released step: add a new one.

CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NULL,
    "xml" TEXT NULL
);
