-- Version 45: an administrator disables (停用) an account instead of deleting it (its name stays in the records it wrote),
-- and an account whose password an administrator generated must change it at the first sign-in.
-- Accounts already in use keep working as before. Never edit a released step: add a new one.

ALTER TABLE "AspNetUsers" ADD disabled_at_utc timestamp with time zone;

ALTER TABLE "AspNetUsers" ADD must_change_password boolean NOT NULL DEFAULT false;
