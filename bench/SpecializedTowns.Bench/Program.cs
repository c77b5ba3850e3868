using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Bench;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Evaluation;
using SpecializedTowns.Data.Exports;
using SpecializedTowns.Data.Imports;
using SpecializedTowns.Data.Recognition;

// The benchmarks of issue 8, run by bench/run.sh against a database `demo generate` filled. Every figure is printed
// beside its floor measured in the same run: the raw SQL the page needs, an empty endpoint of the same server, a raw
// bulk insert. Timings are of sequential requests from one signed-in client (latency, not throughput: that is load.sh).
Console.OutputEncoding = Encoding.UTF8;
var options = Args.Parse(args);
var storage = StorageSettings.From(options.Get("provider"), options.Get("connection") ?? throw new ArgumentException("--connection is required"));
var iterations = int.Parse(options.Get("iterations") ?? "30");
var password = options.Get("password") ?? "Bench#2024pass";
var report = new Report(storage.Provider.ToString(), options.Get("scale") ?? "province");

var gen0 = WebProcess.Gen0Budget(options.Get("gen0size"));
await using var web = await WebProcess.StartAsync(options.Get("web") ?? throw new ArgumentException("--web (SpecializedTowns.Web.dll) is required"), storage, gen0);
report.Line(gen0 is null
    ? "Web 进程用运行时默认的第 0 代预算"
    : $"Web 进程按 docs/operations.md 设 DOTNET_GCgen0size={gen0}（这台机器不报告 CPU 缓存大小；--gen0size none 则不设）");
using var http = await web.SignInAsync("shanxi-office", password);
await using var db = storage.CreateContext();
await db.Database.OpenConnectionAsync();
var connection = db.Database.GetDbConnection();


// ---- pages and their raw SQL floors ------------------------------------------------------------------------------------
var year = 2024;
var scope = "'山西省/%'";
// The places of a scope as the platform reads them (UserScope.CountiesUnder): the ids of the jurisdictions at or below a
// path, a byte-wise range of paths; on PostgreSQL in the "C" collation of its index and written "id + 0" (see there).
string ScopeIds(string path) => storage.Provider == StorageProvider.PostgreSql
    ? $"SELECT id + 0 FROM jurisdictions WHERE path COLLATE \"C\" = '{path}' OR (path COLLATE \"C\" >= '{path}/' AND path COLLATE \"C\" < '{path}0')"
    : $"SELECT id FROM jurisdictions WHERE path = '{path}' OR (path >= '{path}/' AND path < '{path}0')";
// The towns, projects and plans of the scope: on PostgreSQL by those ids; SQLite joins each row's county and tests its
// path (UserScope.PlacesAsIds), written here as that lookup by key.
string InScope(string column) => storage.Provider == StorageProvider.PostgreSql
    ? $"{column} IN ({ScopeIds("山西省")})"
    : $"EXISTS (SELECT 1 FROM jurisdictions c WHERE c.id = {column} AND (c.path = '山西省' OR c.path LIKE '山西省/%'))";
// The largest town the signed-in office sees (at national scale the largest of all may lie in another province).
var bigTown = Convert.ToInt32(await Sql.ScalarAsync(connection, $"""
    SELECT s.specialized_town_id FROM town_annual_statistics s JOIN specialized_towns t ON t.id = s.specialized_town_id
      JOIN jurisdictions c ON c.id = t.county_id WHERE s.year = {year} AND c.path LIKE {scope}
      ORDER BY CAST(s.output_value_wan_yuan AS REAL) DESC LIMIT 1
    """));
// The county with the most enterprises, and its last page of 企业名录 sorted by output (the county's range of its index).
var (bigCounty, bigCountyEnterprises) = await Sql.StreamAsync(connection, $"""
    SELECT c.path, SUM(t.enterprises) AS n FROM enterprise_tallies t JOIN jurisdictions c ON c.id = t.county_id
      WHERE c.path LIKE {scope} GROUP BY c.path ORDER BY n DESC, c.path LIMIT 1
    """, 1).Select(r => (Convert.ToString(r[0])!, Convert.ToInt32(r[1]))).FirstAsync();
var bigCountyLastPage = Math.Max(1, (bigCountyEnterprises + 19) / 20);
// The province's last page of 企业名录 (its own order): read from the other end of the order (EnterpriseQueries.Slice).
var provinceEnterprises = Convert.ToInt32(await Sql.ScalarAsync(connection,
    $"SELECT SUM(t.enterprises) FROM enterprise_tallies t JOIN jurisdictions c ON c.id = t.county_id WHERE c.path LIKE {scope}"));
var provinceLastPage = Math.Max(1, (provinceEnterprises + 19) / 20);
// The first 20 enterprises and projects of the largest town as its page lists them (leading first; most urgent warning
// first), read once: the page reads their rows by id after choosing them.
async Task<string> IdsAsync(string sql)
{
    var ids = new List<string>();
    await foreach (var row in Sql.StreamAsync(connection, sql, 20)) ids.Add(Convert.ToString(row[0], System.Globalization.CultureInfo.InvariantCulture)!);
    return ids.Count == 0 ? "0" : string.Join(",", ids);
}
var townEnterprises = await IdsAsync($"SELECT e.id FROM enterprises e WHERE e.specialized_town_id = {bigTown} ORDER BY e.role, e.name, e.id LIMIT 20");
var townProjects = await IdsAsync($"""
    SELECT p.id FROM key_projects p LEFT JOIN project_warnings w ON w.project_id = p.id WHERE p.specialized_town_id = {bigTown}
      ORDER BY w.level DESC, w.next_planned_on IS NULL, w.next_planned_on, p.id LIMIT 20
    """);
// The stored warning levels are checked for today (ProjectWarningStore; the web process refreshed them on its first
// library request), then the library counts, orders and pages by them in SQL: the page's warnings and their texts are
// worked out for its 20 rows only, from those rows and their completed investment.
var basis = SpecializedTowns.Data.Projects.ProjectWarningStore.Basis(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), new());
var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
// The problems waiting for the office (ProblemReminders): registered, or late in a unit's hands.
string DueProblems(string select, string limit) =>
    $"SELECT {select} FROM problems q WHERE {InScope("q.jurisdiction_id")} AND (q.state = 1 OR q.state IN (2, 3) AND q.deadline < '{today}') {limit}";
var openApplications = $"SELECT a.id, a.state, a.standard_id FROM recognition_applications a JOIN specialized_towns t ON t.id = a.specialized_town_id WHERE {InScope("t.county_id")} AND a.state NOT IN (7, 8, 9)";
var dueProblems = Convert.ToInt32(await Sql.ScalarAsync(connection, DueProblems("COUNT(*)", "")));
string ProjectLibrary(string where) => $"""
    SELECT COALESCE((SELECT MIN(basis) FROM project_warnings) = '{basis}' AND (SELECT MAX(basis) FROM project_warnings) = '{basis}', TRUE);
    SELECT COUNT(*) FROM key_projects p WHERE {InScope("p.county_id")} {where};
    SELECT g.project_id, SUM(g.investment_completed_wan_yuan) FROM project_progress g JOIN
      (SELECT p.id, p.plan_year FROM key_projects p JOIN project_warnings w ON w.project_id = p.id
        WHERE {InScope("p.county_id")} {where} ORDER BY w.level DESC, w.next_in_order, w.project_id LIMIT 20) p
      ON p.id = g.project_id AND g.year = p.plan_year GROUP BY g.project_id;
    SELECT p.id, p.name, t.name, p.stage, p.total_investment_wan_yuan, p.annual_planned_investment_wan_yuan
      FROM key_projects p JOIN specialized_towns t ON t.id = p.specialized_town_id
      WHERE {InScope("p.county_id")} {where} ORDER BY p.id DESC LIMIT 20
    """;
// The year's completed investment by month: on SQLite the figures of the listed projects read from the index by year and
// month (ProjectQueries.SummaryAsync), on PostgreSQL joined to them.
string MonthlyProgress(string where) => storage.Provider == StorageProvider.PostgreSql
    ? $"""
        SELECT g.month, SUM(g.investment_completed_wan_yuan) FROM project_progress g JOIN key_projects p ON p.id = g.project_id
          WHERE {InScope("p.county_id")} {where} AND g.year = {DateTime.UtcNow.Year} GROUP BY g.month
        """
    : $"""
        SELECT g.month, SUM(CAST(g.investment_completed_wan_yuan AS REAL)) FROM project_progress g
          WHERE g.year = {DateTime.UtcNow.Year} AND g.project_id IN (SELECT p.id FROM key_projects p WHERE {InScope("p.county_id")} {where}) GROUP BY g.month
        """;
// The library's summary cards, filled after the list shows: the stage funnel, the year's investment by month, the warning counts.
string ProjectSummary(string where) => $"""
    SELECT COALESCE((SELECT MIN(basis) FROM project_warnings) = '{basis}' AND (SELECT MAX(basis) FROM project_warnings) = '{basis}', TRUE);
    SELECT p.stage, COUNT(*), SUM(p.total_investment_wan_yuan) FROM key_projects p WHERE {InScope("p.county_id")} {where} GROUP BY p.stage;
    SELECT SUM(p.annual_planned_investment_wan_yuan) FROM key_projects p WHERE {InScope("p.county_id")} {where} AND p.plan_year = {DateTime.UtcNow.Year};
    {MonthlyProgress(where)};
    SELECT w.level, COUNT(*) FROM key_projects p JOIN project_warnings w ON w.project_id = p.id
      WHERE {InScope("p.county_id")} {where} GROUP BY w.level
    """;
var firstPlans = $"SELECT a.id FROM action_plans a WHERE {InScope("a.jurisdiction_id")} ORDER BY a.year DESC, a.id DESC LIMIT 20";
// What the list pages' filters offer: the cities and counties in scope, and on the enterprise list also the towns.
var placeChoices = $"SELECT j.path, j.name, j.level, j.code FROM jurisdictions j WHERE j.level IN (2, 3) AND j.path LIKE {scope} ORDER BY j.official_order, j.id;\n";
var enterpriseChoices = placeChoices
    + $"SELECT t.id, t.name, c.name FROM specialized_towns t JOIN jurisdictions c ON c.id = t.county_id WHERE {InScope("t.county_id")} ORDER BY t.name;\n";
// 审计日志 for the province office: its people's and its records' entries, a byte-wise range of paths (SQLite compares bytes;
// PostgreSQL in the "C" collation, as the indexes are), counted up to 10,000 and read newest first. On SQLite, which keeps no
// statistics, the page past that count is read along the time index with no other index matching (AuditQueries.For).
var c = storage.Provider == StorageProvider.PostgreSql ? " COLLATE \"C\"" : "";
var plain = storage.Provider == StorageProvider.PostgreSql ? "" : " || ''";
string AuditUnder(string col) => $"({col}{c} = '山西省' OR ({col}{c} >= '山西省/' AND {col}{c} < '山西省0'))";
// On PostgreSQL the count is of the records' side first, one stretch of its path index (AuditQueries.CountBySidesAsync);
// past the limit the people's side is not counted.
string AuditCount(string where) => storage.Provider == StorageProvider.PostgreSql
    ? $"SELECT COUNT(*) FROM (SELECT 1 FROM audit_entries a WHERE a.record_path{c} >= '山西省' AND a.record_path{c} < '山西省0' AND (a.record_path{c} = '山西省' OR a.record_path{c} >= '山西省/') {where} LIMIT 10001) x"
    : $"SELECT COUNT(*) FROM (SELECT 1 FROM audit_entries a WHERE ({AuditUnder("a.actor_path")} OR {AuditUnder("a.record_path")}) {where} LIMIT 10001) x";
string AuditList(string where, string walkWhere) => $"""
    {AuditCount(where)};
    SELECT a.* FROM audit_entries a WHERE ({AuditUnder("a.actor_path" + plain)} OR {AuditUnder("a.record_path" + plain)}) {walkWhere}
      ORDER BY a.at_utc DESC, a.id DESC LIMIT 50
    """;
var pages = new (string Name, string Url, string Floor)[]
{
    // The dashboard: every town with its latest figures, the enterprises counted (the tallies the database keeps), the towns' statistics, tier changes and
    // brands for 目标监测. Its reminder and 需要关注 cards are filled after it shows (rows below).
    ("工作台", "/", $"""
        SELECT t.id, t.name, t.tier, t.policy_id, s.year, s.output_value_wan_yuan, s.revenue_wan_yuan, s.employment FROM specialized_towns t
          LEFT JOIN town_annual_statistics s ON s.specialized_town_id = t.id AND s.year = (SELECT MAX(year) FROM town_annual_statistics x WHERE x.specialized_town_id = t.id)
          WHERE {InScope("t.county_id")};
        SELECT SUM(t.enterprises) FROM enterprise_tallies t WHERE t.county_id IN ({ScopeIds("山西省")});
        SELECT s.specialized_town_id, s.year, s.output_value_wan_yuan, s.revenue_wan_yuan FROM town_annual_statistics s;
        SELECT * FROM tier_changes;
        SELECT * FROM brands
        """),
    // 需要关注 (动态调整's findings, TierReview.AdjustmentsAsync): every town in scope in the official order with its county, all
    // its years' figures and its tier changes, its registered enterprises by role and the designations they hold (what the
    // database keeps for them: enterprise tallies, each designation's town), and the relaxations granted at recognition.
    ("工作台·需要关注（页面显示后填入）", "/?handler=Attention", $"""
        SELECT t.*, j.* FROM specialized_towns t JOIN jurisdictions j ON j.id = t.county_id WHERE {InScope("t.county_id")} ORDER BY j.official_order, j.id, t.name, t.id;
        SELECT s.* FROM town_annual_statistics s JOIN specialized_towns t ON t.id = s.specialized_town_id WHERE {InScope("t.county_id")};
        SELECT c.* FROM tier_changes c JOIN specialized_towns t ON t.id = c.specialized_town_id WHERE {InScope("t.county_id")};
        SELECT t.town_id, t.role = 1, SUM(t.enterprises) FROM enterprise_tallies t WHERE t.town_id <> 0 GROUP BY t.town_id, t.role = 1;
        SELECT DISTINCT d.specialized_town_id, d.key FROM enterprise_designations d WHERE d.specialized_town_id IS NOT NULL;
        SELECT r.id, r.specialized_town_id, r.standard_id, r.facts_json, r.panel_conclusion_json FROM recognition_applications r
          WHERE r.state = 7 AND r.panel_conclusion_json IS NOT NULL
        """),
    // The reminder card counts by area (ReminderCentre.TallyAsync): the red projects in scope (their stored level, checked
    // for today), the open problems waiting for the office with how many are late, and the tasks in scope.
    ("工作台·通知提醒（页面显示后填入）", "/Notifications?handler=Summary", $"""
        SELECT COALESCE((SELECT MIN(basis) FROM project_warnings) = '{basis}' AND (SELECT MAX(basis) FROM project_warnings) = '{basis}', TRUE);
        SELECT COUNT(*) FROM key_projects p JOIN project_warnings w ON w.project_id = p.id WHERE {InScope("p.county_id")} AND w.level = 2;
        {DueProblems("COUNT(*), SUM(CASE WHEN q.deadline < '" + today + "' THEN 1 ELSE 0 END)", "")};
        SELECT t.id, t.deadline, t.done_on FROM plan_tasks t JOIN action_plans a ON a.id = t.plan_id WHERE {InScope("a.jurisdiction_id")}
        """),
    // The header bell, asked after every page (ReminderCentre.CountAsync): the reminders counted up to 100, where it shows
    // "99+". The applications in hand first, then the office's problems; its red projects too if those stop short of 100.
    ("通知铃（每个页面显示后填入）", "/Notifications?handler=Bell", dueProblems >= 100
        ? $"{openApplications};\nSELECT COUNT(*) FROM ({DueProblems("1", "LIMIT 100")}) x"
        : $"""
        {openApplications};
        SELECT COUNT(*) FROM ({DueProblems("1", "LIMIT 100")}) x;
        SELECT COALESCE((SELECT MIN(basis) FROM project_warnings) = '{basis}' AND (SELECT MAX(basis) FROM project_warnings) = '{basis}', TRUE);
        SELECT COUNT(*) FROM (SELECT 1 FROM key_projects p JOIN project_warnings w ON w.project_id = p.id WHERE {InScope("p.county_id")} AND w.level = 2 LIMIT {100 - dueProblems}) x
        """),
    ("专业镇名录", "/Towns", placeChoices + TownList("")),
    ("专业镇名录（筛选：制造业+搜索）", "/Towns?category=manufacturing&search=%E9%93%B8%E9%80%A0", placeChoices + TownList("AND t.category = 'manufacturing' AND t.name LIKE '%铸造%'")),
    // A town's page: the town with its county, townships, tier history, statistics, brands and standards, its enterprises
    // counted (the tallies), its latest recognised application. Its enterprise, project and 修改记录 tabs are fetched after it
    // shows (rows below): the town checked to be in scope, then the first 20 of each with what the rows show.
    ("专业镇详情（最大的镇）", $"/Towns/Detail/{bigTown}", $"""
        SELECT * FROM specialized_towns t WHERE t.id = {bigTown} AND {InScope("t.county_id")};
        SELECT j.* FROM specialized_town_townships x JOIN jurisdictions j ON j.id = x.township_id WHERE x.specialized_town_id = {bigTown};
        SELECT * FROM tier_changes WHERE specialized_town_id = {bigTown};
        SELECT * FROM town_annual_statistics WHERE specialized_town_id = {bigTown};
        SELECT * FROM brands WHERE specialized_town_id = {bigTown};
        SELECT * FROM industry_standards WHERE specialized_town_id = {bigTown};
        SELECT SUM(t.enterprises) FROM enterprise_tallies t WHERE t.town_id = {bigTown};
        SELECT id FROM recognition_applications WHERE specialized_town_id = {bigTown} AND state = 7 ORDER BY id DESC LIMIT 1
        """),
    ("专业镇详情·企业（页面显示后填入）", $"/Towns/Detail/{bigTown}?handler=Enterprises", $"""
        SELECT 1 FROM specialized_towns t WHERE t.id = {bigTown} AND {InScope("t.county_id")};
        SELECT SUM(t.enterprises) FROM enterprise_tallies t WHERE t.town_id = {bigTown};
        SELECT e.id FROM enterprises e WHERE e.specialized_town_id = {bigTown} ORDER BY e.role, e.name, e.id LIMIT 20;
        SELECT e.id, e.name, e.uscc, c.name, e.role, e.is_above_scale FROM enterprises e JOIN jurisdictions c ON c.id = e.county_id WHERE e.id IN ({townEnterprises});
        SELECT d.enterprise_id, d.key FROM enterprise_designations d WHERE d.enterprise_id IN ({townEnterprises});
        SELECT s.enterprise_id, s.output_value_wan_yuan, s.employment FROM enterprise_annual_statistics s WHERE s.enterprise_id IN ({townEnterprises}) AND s.year = {year}
        """),
    ("专业镇详情·项目（页面显示后填入）", $"/Towns/Detail/{bigTown}?handler=Projects", $"""
        SELECT 1 FROM specialized_towns t WHERE t.id = {bigTown} AND {InScope("t.county_id")};
        SELECT COALESCE((SELECT MIN(basis) FROM project_warnings) = '{basis}' AND (SELECT MAX(basis) FROM project_warnings) = '{basis}', TRUE);
        SELECT COUNT(*) FROM key_projects p WHERE p.specialized_town_id = {bigTown};
        SELECT p.id FROM key_projects p LEFT JOIN project_warnings w ON w.project_id = p.id WHERE p.specialized_town_id = {bigTown}
          ORDER BY w.level DESC, w.next_planned_on IS NULL, w.next_planned_on, p.id LIMIT 20;
        SELECT p.id, p.name, t.name, c.name, p.owner_name, p.stage, p.total_investment_wan_yuan, p.annual_planned_investment_wan_yuan, u.name
          FROM key_projects p JOIN jurisdictions c ON c.id = p.county_id JOIN specialized_towns t ON t.id = p.specialized_town_id
          LEFT JOIN units u ON u.id = p.responsible_unit_id WHERE p.id IN ({townProjects});
        SELECT g.project_id, SUM(g.investment_completed_wan_yuan) FROM project_progress g JOIN key_projects p ON p.id = g.project_id AND g.year = p.plan_year
          WHERE p.id IN ({townProjects}) GROUP BY g.project_id
        """),
    ("企业名录", "/Enterprises", enterpriseChoices + EnterpriseList("", 0)),
    ("企业名录（搜索）", "/Enterprises?search=%E9%91%AB%E7%9B%9B", enterpriseChoices + EnterpriseList(NameSearch("鑫盛"), 0)),
    ("企业名录（第 500 页）", "/Enterprises?page=500", enterpriseChoices + EnterpriseList("", 499 * 20)),
    // The last page: the same order backwards, the few rows past the last full page skipped (OFFSET walked 300,000 before 12-08).
    ($"企业名录（全省末页，第 {provinceLastPage:N0} 页）", $"/Enterprises?page={provinceLastPage}", enterpriseChoices
        + EnterpriseList("", 0, "c.official_order DESC, c.id DESC, e.role DESC, e.name DESC, e.id DESC", limit: provinceEnterprises - (provinceLastPage - 1) * 20)),
    // Largest latest output first: the order the database keeps on each enterprise (schema version 31).
    ("企业名录（按产值）", "/Enterprises?sort=output", enterpriseChoices + EnterpriseList("", 0, "e.output_order DESC, e.id")),
    // A county's last page in that order: its own range of the index by county and output (schema version 33).
    ($"企业名录（按产值，{bigCounty[(bigCounty.LastIndexOf('/') + 1)..]}末页）", $"/Enterprises?sort=output&jurisdiction={Uri.EscapeDataString(bigCounty)}&page={bigCountyLastPage}", $"""
        {enterpriseChoices}SELECT SUM(t.enterprises) FROM enterprise_tallies t WHERE t.county_id IN ({ScopeIds(bigCounty)});
        SELECT e.id, e.name, e.uscc, c.name, e.role, e.is_above_scale, s.output_value_wan_yuan, s.employment FROM
          (SELECT e.id FROM enterprises e WHERE e.county_id IN ({ScopeIds(bigCounty)})
            ORDER BY e.output_order DESC, e.id LIMIT 20 OFFSET {(bigCountyLastPage - 1) * 20}) p
          JOIN enterprises e ON e.id = p.id JOIN jurisdictions c ON c.id = e.county_id
          LEFT JOIN enterprise_annual_statistics s ON s.enterprise_id = e.id AND s.year = {year}
        """),
    // By name over the whole scope: no index gives the order, so the names of the scope's counties are sorted.
    ("企业名录（按名称）", "/Enterprises?sort=name", $"""
        {enterpriseChoices}SELECT SUM(t.enterprises) FROM enterprise_tallies t WHERE t.county_id IN ({ScopeIds("山西省")});
        SELECT e.id, e.name, e.uscc, c.name, e.role, e.is_above_scale, s.output_value_wan_yuan, s.employment FROM
          (SELECT e.id FROM enterprises e WHERE e.county_id IN ({ScopeIds("山西省")}) ORDER BY e.name, e.id LIMIT 20) p
          JOIN enterprises e ON e.id = p.id JOIN jurisdictions c ON c.id = e.county_id
          LEFT JOIN enterprise_annual_statistics s ON s.enterprise_id = e.id AND s.year = {year}
        """),
    // The library: the page of projects by warning, and its summary (stage funnel, the year's investment, warning counts).
    ("重点项目库", "/Projects", ProjectLibrary("")),
    ("重点项目库（已开工）", "/Projects?stage=Started", ProjectLibrary("AND p.stage = 2")),
    // The cards as the process keeps them (ProjectSummaries): the warnings' basis and the change mark. The first request
    // after a change adds them up again (ProjectSummary below): measured apart, beside the statements it runs.
    ("重点项目库·汇总（页面显示后填入）", "/Projects?handler=Summary", $"""
        SELECT COALESCE((SELECT MIN(basis) FROM project_warnings) = '{basis}' AND (SELECT MAX(basis) FROM project_warnings) = '{basis}', TRUE);
        SELECT COUNT(*), COALESCE(MAX(id), 0) FROM project_changes
        """),
    // The years to filter by, the 20 plans with their place and town, and what each plan's progress and lights are worked
    // out from: its groups, its tasks' figures and their milestones; then the extension requests waiting for the office.
    ("责任清单", "/Tasks", $"""
        SELECT DISTINCT a.year FROM action_plans a WHERE {InScope("a.jurisdiction_id")};
        SELECT COUNT(*) FROM action_plans a WHERE {InScope("a.jurisdiction_id")};
        SELECT a.id, a.year, a.title, c.name, t.name, a.policy_id FROM action_plans a JOIN jurisdictions c ON c.id = a.jurisdiction_id
          LEFT JOIN specialized_towns t ON t.id = a.specialized_town_id WHERE {InScope("a.jurisdiction_id")} ORDER BY a.year DESC, a.id DESC LIMIT 20;
        SELECT t.id, t.plan_id, t.group_id, t.weight, t.deadline, t.own_progress, t.done_on FROM plan_tasks t WHERE t.plan_id IN ({firstPlans});
        SELECT m.task_id, m.weight, m.progress, m.deadline, m.done_on FROM task_milestones m JOIN plan_tasks t ON t.id = m.task_id WHERE t.plan_id IN ({firstPlans});
        SELECT g.id, g.plan_id, g.weight FROM task_groups g WHERE g.plan_id IN ({firstPlans});
        SELECT x.id, x.task_id, x.milestone_id, x.requested_deadline FROM task_extensions x JOIN plan_tasks t ON t.id = x.task_id JOIN action_plans a ON a.id = t.plan_id
          WHERE {InScope("a.jurisdiction_id")} AND x.state = 1
        """),
    ("问题台账", "/Problems", ProblemList("")),
    ("问题台账（融资类）", "/Problems?category=Financing", ProblemList("AND q.category = 2")),
    // 储备培育 on a year the process keeps (ClusterYears): the change mark, the years with statistics, the towns by township
    // and industry, the names of the townships and counties; the filter's places as on the town list. The first request
    // after a change adds the year up again: measured apart below, beside the grouping it runs.
    ("储备培育（全省热力图、候选、县域地图）", "/Reserve", placeChoices + $"""
        SELECT COUNT(*), COALESCE(MAX(id), 0) FROM data_changes;
        SELECT MAX(year) FROM enterprise_annual_statistics;
        SELECT x.township_id, t.id, t.name, t.leading_industry, t.tier FROM specialized_town_townships x JOIN specialized_towns t ON t.id = x.specialized_town_id;
        SELECT j.id, j.name, j.path, c.name, c.path, c.id FROM jurisdictions j JOIN jurisdictions c ON c.id = j.parent_id WHERE j.level = 4 AND j.path LIKE {scope};
        SELECT j.id, j.name, j.path FROM jurisdictions j WHERE j.level IN (2, 3) AND j.path LIKE {scope}
        """),
    ("审计日志", "/Audit", AuditList("", "")),
    // A kind with its parts is one condition on root_type, read newest first from ix_audit_entries_root_time (structure step 39).
    ("审计日志（重点项目）", "/Audit?type=KeyProject", AuditList("AND a.root_type = 'KeyProject'", "AND a.root_type = 'KeyProject'")),
    ("接口 /api/v1/enterprises", "/api/v1/enterprises", EnterpriseList("", 0)),
    ("接口 /api/v1/towns", "/api/v1/towns", TownList("")),
    ("接口 /api/v1/projects", "/api/v1/projects", $"""
        SELECT COALESCE((SELECT MIN(basis) FROM project_warnings) = '{basis}' AND (SELECT MAX(basis) FROM project_warnings) = '{basis}', TRUE);
        SELECT COUNT(*) FROM key_projects p WHERE {InScope("p.county_id")};
        SELECT g.project_id, SUM(g.investment_completed_wan_yuan) FROM project_progress g JOIN
          (SELECT p.id, p.plan_year FROM key_projects p JOIN project_warnings w ON w.project_id = p.id
            WHERE {InScope("p.county_id")} ORDER BY w.level DESC, w.next_in_order, w.project_id LIMIT 50) p
          ON p.id = g.project_id AND g.year = p.plan_year GROUP BY g.project_id;
        SELECT p.* FROM key_projects p WHERE {InScope("p.county_id")} ORDER BY p.id DESC LIMIT 50
        """),
};

string TownList(string where) => $"""
    SELECT COUNT(*) FROM specialized_towns t WHERE {InScope("t.county_id")} {where};
    SELECT t.id, t.name, t.tier, t.category, c.name, s.output_value_wan_yuan, s.employment FROM specialized_towns t JOIN jurisdictions c ON c.id = t.county_id
      LEFT JOIN town_annual_statistics s ON s.specialized_town_id = t.id AND s.year = {year} WHERE {InScope("t.county_id")} {where} ORDER BY c.official_order, c.id, t.name LIMIT 20
    """;
// The count from the tallies the database keeps by county (a search reads every row: then counted by the path join), and
// the page in place order (the official order of the counties, step 0046, then the index of step 0022), read as ids first and
// then the 20 rows with their figures.
string EnterpriseList(string where, int offset, string order = "c.official_order, c.id, e.role, e.name, e.id", int limit = 20) => $"""
    {(where.Length == 0
        ? $"SELECT SUM(t.enterprises) FROM enterprise_tallies t WHERE t.county_id IN ({ScopeIds("山西省")})"
        : $"SELECT COUNT(*) FROM enterprises e JOIN jurisdictions c ON c.id = e.county_id WHERE c.path LIKE {scope} {where}")};
    SELECT e.id, e.name, e.uscc, c.name, e.role, e.is_above_scale, s.output_value_wan_yuan, s.employment FROM
      (SELECT e.id FROM enterprises e JOIN jurisdictions c ON c.id = e.county_id WHERE c.path LIKE {scope} {where}
        ORDER BY {order} LIMIT {limit} OFFSET {offset}) p
      JOIN enterprises e ON e.id = p.id JOIN jurisdictions c ON c.id = e.county_id
      LEFT JOIN enterprise_annual_statistics s ON s.enterprise_id = e.id AND s.year = {year}
    """;
// A name search: on PostgreSQL the enterprises the index of pairs of characters points to (EnterpriseNameIndex) and those
// not yet indexed that hold the term, each tested again; on SQLite every name in scope.
string NameSearch(string term) => storage.Provider == StorageProvider.PostgreSql
    ? $$"""
        AND e.id IN (SELECT enterprise_id FROM enterprise_name_grams WHERE grams @> '{{"{" + string.Join(',', SpecializedTowns.Data.CharacterPairs.Of(term)) + "}"}}'
          UNION ALL SELECT n.id FROM enterprise_name_pending p CROSS JOIN LATERAL (SELECT n.id FROM enterprises n WHERE n.id BETWEEN p.first_id AND p.last_id AND strpos(n.name, '{{term}}') > 0 OFFSET 0) n)
          AND e.name LIKE '%{{term}}%'
        """
    : $"AND e.name LIKE '%{term}%'";
// The count and the page, the overdue count of the tab, and the towns and units of the problems in scope the filters offer.
string ProblemList(string where) => $"""
    SELECT COUNT(*) FROM problems q JOIN jurisdictions c ON c.id = q.jurisdiction_id WHERE c.path LIKE {scope} AND q.state IN (1, 2, 3) AND q.deadline < '{today}';
    SELECT t.id, t.name FROM specialized_towns t WHERE t.id IN (SELECT q.specialized_town_id FROM problems q JOIN jurisdictions c ON c.id = q.jurisdiction_id WHERE c.path LIKE {scope}) ORDER BY t.name;
    SELECT u.id, u.name, j.name FROM units u JOIN jurisdictions j ON j.id = u.jurisdiction_id WHERE u.id IN (
      SELECT q.lead_unit_id FROM problems q JOIN jurisdictions c ON c.id = q.jurisdiction_id WHERE c.path LIKE {scope}
      UNION SELECT x.unit_id FROM problem_cooperating_units x JOIN problems q ON q.id = x.problem_id JOIN jurisdictions c ON c.id = q.jurisdiction_id WHERE c.path LIKE {scope})
      ORDER BY CASE WHEN j.level = 4 THEN COALESCE(j.code, (SELECT p.official_order FROM jurisdictions p WHERE p.id = j.parent_id) || '~' || j.name) ELSE j.official_order END, u.name;
    SELECT COUNT(*) FROM problems q JOIN jurisdictions c ON c.id = q.jurisdiction_id WHERE c.path LIKE {scope} {where};
    SELECT q.id, q.title, q.category, q.state, q.deadline, c.name, u.name FROM problems q JOIN jurisdictions c ON c.id = q.jurisdiction_id
      LEFT JOIN units u ON u.id = q.lead_unit_id WHERE c.path LIKE {scope} {where} ORDER BY q.raised_at_utc DESC LIMIT 20
    """;

// --part pages | ops | import: one part only (ops = everything after the pages).
var part = options.Get("part");
if (part is null or "pages")
{
// A server in service has run its pages many times: the JIT has compiled them again with what it learnt (tiered
// compilation), and the first requests of a fresh process measure that compiling instead. Every page is requested in
// turns first, as traffic would, and measured after.
// The audit names are indexed by the web process after they are written (AuditLabelIndex): right after the data is generated
// or imported it is still at work, and the pages are measured once it has caught up, as a server in service would have.
var indexWait = Stopwatch.StartNew();
// Likewise the enterprise names on PostgreSQL (EnterpriseNameIndex).
var waiting = storage.Provider == StorageProvider.PostgreSql
    ? "SELECT (SELECT COUNT(*) FROM audit_label_pending) + (SELECT COUNT(*) FROM enterprise_name_pending)"
    : "SELECT COUNT(*) FROM audit_entries WHERE id > (SELECT COALESCE(MAX(id), 0) FROM audit_label_times)";
while (Convert.ToInt64(await Sql.ScalarAsync(connection, waiting)) > 0 && indexWait.Elapsed < TimeSpan.FromMinutes(15)) await Task.Delay(1000);
report.Line($"审计日志与企业名称的索引追上已写入的记录用了 {indexWait.Elapsed.TotalSeconds:F0} s（Web 进程在后台建立）");
var warmup = int.Parse(options.Get("warmup") ?? "40");
for (var round = 0; round < warmup; round++)
    foreach (var (_, url, _) in pages) await web.GetAsync(http, url);
report.Line($"测量前先轮流请求每个页面 {warmup} 次（新启动的进程在前几十次请求里还在编译这些页面的代码，已在运行的服务不会）");
// Measured once warm and again beside every page: measured first, on a process still compiling and indexing, its p95 was
// 153.6 ms against a p50 of 2.2 ms (12-07 13:24), a floor that every page passed by a mile.
var warmEmpty = await Timing.MeasureAsync(iterations, () => web.GetAsync(http, "/livez"));
report.Line($"空接口 /livez（预热后）：p50 {warmEmpty.P50:F1} ms，p95 {warmEmpty.P95:F1} ms；每行的空接口 p95 在测该页面之后紧接着再量");
report.Table("页面", ["页面", "地址", "页面 p50", "页面 p95", "原始 SQL p95", "空接口 p95", "下限 = SQL + 空接口", "页面 ÷ 下限", "p95 < 150 ms", "≤ 1.5× 下限"]);
// A page as one signed-in person requests it, beside its floor: its raw SQL and the empty endpoint, both measured right
// after it, so the floor is the machine's state of that minute.
async Task MeasurePageAsync(HttpClient client, string name, string url, string floorSql)
{
    var page = await Timing.MeasureAsync(iterations, () => web.GetAsync(client, url));
    var sql = await Timing.MeasureAsync(iterations, () => Sql.ReadAllAsync(connection, floorSql));
    var empty = await Timing.MeasureAsync(iterations, () => web.GetAsync(client, "/livez"));
    var floor = sql.P95 + empty.P95;
    var ratio = page.P95 / floor;
    report.Row(name, url, Ms(page.P50), Ms(page.P95), Ms(sql.P95), Ms(empty.P95), Ms(floor), $"{ratio:F1}×", Mark(page.P95 < 150), Mark(ratio <= 1.5));
    Console.Error.WriteLine($"  {name}: {page.P95:F0} ms (floor {floor:F0} ms)");
}
foreach (var (name, url, floorSql) in pages) await MeasurePageAsync(http, name, url, floorSql);
// 审计日志 filtered by 操作人: the account with the most entries, by its sign-in name, as the province office reads it. The
// account is looked up by name; its entries come newest first from the account index (AuditQueries.NewestByAccountAsync when
// past the count), and the entries of the platform itself are not tested (AuditActor.WithoutAccountNamed). Walking the trail
// by time passed 700,000 newer entries of the platform's imports (580 ms).
var busiest = await db.AuditEntries.Where(e => e.UserId != null).GroupBy(e => e.UserId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync();
if (busiest is { } account && await db.Users.Where(u => u.Id == account).Select(u => u.UserName).FirstOrDefaultAsync() is { } accountName)
{
    var users = storage.Provider == StorageProvider.PostgreSql ? "\"AspNetUsers\"" : "AspNetUsers";
    var byAccount = $"""
        SELECT u."Id" FROM {users} u WHERE u."UserName" = '{accountName}' OR u.display_name LIKE '%{accountName}%';
        {AuditCount($"AND a.user_id = {account}")};
        SELECT a.* FROM audit_entries a WHERE a.user_id = {account} AND ({AuditUnder("a.actor_path" + plain)} OR {AuditUnder("a.record_path" + plain)})
          ORDER BY a.at_utc DESC, a.id DESC LIMIT 50
        """;
    await MeasurePageAsync(http, "审计日志（按操作人）", $"/Audit?user={Uri.EscapeDataString(accountName)}", byAccount);
}
// 审计日志 searched by name, as the province office: two characters of a real enterprise's name (its township), found through
// the index of pairs of characters (AuditLabelIndex) and tested by id; testing every entry's name took 0.45 s (PostgreSQL)
// and 0.8 s (SQLite) over 1,140,000 entries.
async Task MeasureSearchAsync(string name, string term)
{
    var pairs = SpecializedTowns.Data.Audit.AuditLabelIndex.Pairs(term);
    var candidates = storage.Provider == StorageProvider.PostgreSql
        ? $"SELECT entry_id FROM audit_label_grams WHERE grams @> '{{{string.Join(',', pairs)}}}' UNION ALL SELECT e.id FROM audit_label_pending p CROSS JOIN LATERAL (SELECT e.id FROM audit_entries e WHERE e.id BETWEEN p.first_id AND p.last_id AND strpos(e.entity_label, '{term}') > 0 OFFSET 0) e"
        : $"SELECT rowid FROM audit_label_grams WHERE audit_label_grams MATCH '{string.Join(" AND ", pairs.Select(p => "g" + ((uint)p).ToString("x")))}' UNION ALL SELECT id FROM audit_entries WHERE id > (SELECT COALESCE(MAX(id), 0) FROM audit_label_times) AND instr(entity_label, '{term}') > 0";
    var matching = $"a.id IN ({candidates}) AND {(storage.Provider == StorageProvider.PostgreSql ? "strpos" : "instr")}(a.entity_label, '{term}') > 0 AND ({AuditUnder("a.actor_path" + plain)} OR {AuditUnder("a.record_path" + plain)})";
    var searched = $"""
        SELECT COUNT(*) FROM ({candidates} LIMIT 50001) x;
        SELECT a.id, a.at_utc FROM audit_entries a WHERE {matching};
        SELECT a.* FROM audit_entries a WHERE {matching} ORDER BY a.at_utc DESC, a.id DESC LIMIT 50
        """;
    await MeasurePageAsync(http, name, $"/Audit?search={Uri.EscapeDataString(term)}", searched);
}
if (await db.Enterprises.OrderBy(e => e.Id).Select(e => e.Name).FirstOrDefaultAsync() is { Length: >= 5 } firstName)
    await MeasureSearchAsync("审计日志（按名称搜索）", firstName[3..5]);
// And a word many names share, the most common industry's first two characters (铸造: 25,000–46,000 entries): every one of
// them is a candidate, and the page is the newest of those in scope, counted up to 10,001.
if (await db.Enterprises.Where(e => e.Industry != null).GroupBy(e => e.Industry).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync() is { Length: >= 2 } industry)
    await MeasureSearchAsync("审计日志（按名称搜索，常见行业词）", industry[..2]);
// 审计日志 of a city office (运城市办公室), whose entries are a share of the trail: counted from the path index of its records
// and read place by place (AuditQueries.NewestByPlaceAsync), newest 50 of each of its places merged. Walking the trail by time
// instead passed every newer entry elsewhere (after import runs, 700,000 in 太原市: 250 ms).
const string city = "山西省/运城市";
if (await db.Users.AnyAsync(u => u.UserName == "yuncheng-office"))
{
    using var cityHttp = await web.SignInAsync("yuncheng-office", password);
    string Path(string col) => $"{col}{c} >= '{city}' AND {col}{c} < '{city}0' AND ({col}{c} = '{city}' OR {col}{c} >= '{city}/')";
    var placesUnder = $"j.path{c} = '{city}' OR (j.path{c} >= '{city}/' AND j.path{c} < '{city}0')";
    string Newest(string col) => storage.Provider == StorageProvider.PostgreSql
        ? $"SELECT e.id, e.at_utc FROM jurisdictions j CROSS JOIN LATERAL (SELECT a.id, a.at_utc FROM audit_entries a WHERE a.{col}{c} = j.path ORDER BY a.at_utc DESC, a.id DESC LIMIT 50) e WHERE {placesUnder}"
        : $"SELECT e.id, e.at_utc FROM jurisdictions j CROSS JOIN audit_entries e WHERE ({placesUnder}) AND e.id IN (SELECT a.id FROM audit_entries a WHERE a.{col} = j.path ORDER BY a.at_utc DESC, a.id DESC LIMIT 50)";
    var cityFloor = $"""
        SELECT COUNT(*) FROM (SELECT 1 FROM audit_entries a WHERE {Path("a.record_path")} LIMIT 10001) x;
        SELECT * FROM audit_entries WHERE id IN (SELECT u.id FROM ({Newest("record_path")} UNION {Newest("actor_path")}) u ORDER BY u.at_utc DESC, u.id DESC LIMIT 50)
          ORDER BY at_utc DESC, id DESC
        """;
    for (var round = 0; round < 20; round++) await web.GetAsync(cityHttp, "/Audit");
    await MeasurePageAsync(cityHttp, "审计日志（运城市办公室）", "/Audit", cityFloor);
}
// The first library request of a day (or after the settings change) works out every project's level again: measured
// apart, by marking every stored level out of date before each request.
var refreshes = new List<double>();
for (var i = 0; i < 3; i++)
{
    await Sql.ScalarAsync(connection, "UPDATE project_warnings SET basis = ''");
    var clock = Stopwatch.StartNew();
    await web.GetAsync(http, "/Projects");
    refreshes.Add(clock.Elapsed.TotalMilliseconds);
}
var projectCount = Convert.ToInt32(await Sql.ScalarAsync(connection, "SELECT COUNT(*) FROM key_projects"));
// The library's summary cards after any change to the projects (a statement that changes nothing counts as one): added
// up again before they show.
var resummed = new List<double>();
for (var i = 0; i < 5; i++)
{
    await Sql.ScalarAsync(connection, "UPDATE key_projects SET stage = stage WHERE id = (SELECT MIN(id) FROM key_projects)");
    var clock = Stopwatch.StartNew();
    await web.GetAsync(http, "/Projects?handler=Summary");
    resummed.Add(clock.Elapsed.TotalMilliseconds);
}
var summing = await Timing.MeasureAsync(5, () => Sql.ReadAllAsync(connection, ProjectSummary("")));
// 储备培育 after any change to what it adds up (here a statement that changes nothing, which counts as one): the year is
// grouped again (the statements below) and worked into cells before the page shows.
var regroupings = new List<double>();
for (var i = 0; i < 3; i++)
{
    await Sql.ScalarAsync(connection, "UPDATE jurisdictions SET code = code WHERE id = 1");
    var clock = Stopwatch.StartNew();
    await web.GetAsync(http, "/Reserve");
    regroupings.Add(clock.Elapsed.TotalMilliseconds);
}
var grouping = await Timing.MeasureAsync(3, () => Sql.ReadAllAsync(connection, $"""
    SELECT e.township_id, e.county_id, e.industry, e.industry_category, e.specialized_town_id, COUNT(*),
      SUM(CASE WHEN e.role = 1 THEN 1 ELSE 0 END), SUM(s.output_value_wan_yuan), SUM(s.employment),
      SUM(CASE WHEN s.output_value_wan_yuan > 0 THEN s.output_value_wan_yuan * s.output_value_wan_yuan ELSE 0 END), MAX(s.output_value_wan_yuan),
      SUM(CASE WHEN s.employment > 0 THEN CAST(s.employment AS BIGINT) * s.employment ELSE 0 END), MAX(s.employment)
      FROM enterprise_annual_statistics s JOIN enterprises e ON e.id = s.enterprise_id WHERE s.year = {year}
      GROUP BY e.township_id, e.county_id, e.industry, e.industry_category, e.specialized_town_id;
    SELECT DISTINCT e.township_id, e.county_id, e.industry, e.industry_category, e.specialized_town_id, d.key FROM enterprise_designations d
      JOIN enterprises e ON e.id = d.enterprise_id WHERE EXISTS (SELECT 1 FROM enterprise_annual_statistics s WHERE s.enterprise_id = e.id AND s.year = {year});
    SELECT t.id, t.leading_industry, t.category FROM specialized_towns t;
    SELECT j.id, j.parent_id, j.path FROM jurisdictions j WHERE j.level = 3
    """));
report.Line($"数据变动后第一次打开储备培育（重新合计全省一年的企业统计）：{string.Join("、", regroupings.Select(Ms))}；其中合计的原始 SQL p50 {Ms(grouping.P50)}");
report.Line($"每天第一次打开重点项目库（重算全部 {projectCount:N0} 个项目的预警并存入）：{string.Join("、", refreshes.Select(Ms))}");
report.Line($"项目数据变动后第一次打开重点项目库·汇总（重新合计）：{string.Join("、", resummed.Select(Ms))}；其中合计的原始 SQL p50 {Ms(summing.P50)}");
report.Line($"Web 进程在页面测完时的峰值：{web.PeakMegabytes():N0} MB");
// Written now too, so that a run stopped in a later part keeps its page figures.
if (options.Get("out") is { } pagesFile) await File.WriteAllTextAsync(pagesFile, report.ToString());
}

// ---- recognition check and the annual evaluation ---------------------------------------------------------------------------
if (part == "pages") { Console.WriteLine(report); return 0; }
var catalog = PolicyCatalog.Load(PolicyCatalog.LocateDirectory(options.Get("policies")));
report.Table("整体运算", ["运算", "规模", "用时", "目标", "达标"]);
if (part != "import")
{
    var clock = Stopwatch.StartNew();
    var towns = 0;
    foreach (var standard in catalog.Standards)
    {
        var area = catalog.AreaOf(standard);
        if (area.Length == 0) continue;
        towns += (await StoredTownRecognition.RecognizeAsync(db, standard, area)).Count;
    }
    report.Row("每个认定标准检查其适用范围内的全部专业镇", $"{catalog.Standards.Count()} 个标准，{towns:N0} 次镇×标准检查", Sec(clock.Elapsed), "—", "—");
}
if (part != "import")
{
    var admin = await db.Users.SingleAsync(u => u.UserName == AccountSeeder.AdminUserName);
    var scopeAdmin = new UserScope(admin.Id, Roles.Admin, "山西省", null);
    var province = await db.Jurisdictions.SingleAsync(j => j.Path == "山西省");
    await db.Evaluations.Where(e => e.JurisdictionId == province.Id && e.Year == year && e.Kind == SubjectKind.Town).ExecuteDeleteAsync();
    var service = new EvaluationService(db, catalog, new MeasureGatherer(db, catalog, new ReportSettings()), TimeProvider.System);
    var clock = Stopwatch.StartNew();
    var id = await service.CreateAsync(scopeAdmin, "性能测试", year, SubjectKind.Town, province.Id);
    var created = clock.Elapsed;
    var subjects = await db.Set<SpecializedTowns.Core.Evaluation.EvaluationResult>().CountAsync(r => r.EvaluationId == id);
    report.Row("全省专业镇年度评估（生成并计算）", $"{subjects:N0} 个专业镇", Sec(created), "< 5 s", Mark(created.TotalSeconds < 5));
    await db.Evaluations.Where(e => e.Id == id).ExecuteDeleteAsync();
    db.ChangeTracker.Clear();
}

// ---- export: 1,000,000 rows in bounded memory; the enterprise list exported through the web process ----------------------
if (part != "import")
{
    var before = Process.GetCurrentProcess().PeakWorkingSet64;
    var table = new ExportTable<object?[]>("企业年度统计", [
        new("企业", r => r[0]), new("统一社会信用代码", r => r[1]), new("年度", r => r[2]), new("产值（万元）", r => r[3]), new("就业（人）", r => r[4]),
    ]);
    var counting = new CountingStream();
    var clock = Stopwatch.StartNew();
    var written = await TableExport.WriteAsync(counting, ExportFormat.Xlsx, table, Sql.StreamAsync(connection,
        "SELECT e.name, e.uscc, s.year, s.output_value_wan_yuan, s.employment FROM enterprise_annual_statistics s JOIN enterprises e ON e.id = s.enterprise_id " +
        "UNION ALL SELECT e.name, e.uscc, s.year, s.output_value_wan_yuan, s.employment FROM enterprise_annual_statistics s JOIN enterprises e ON e.id = s.enterprise_id WHERE s.year = 2024",
        1_000_000));
    var peak = Process.GetCurrentProcess().PeakWorkingSet64;
    report.Row($"导出 {written:N0} 行 .xlsx（流式写出）", $"{counting.Length / 1048576.0:N0} MB 文件", Sec(clock.Elapsed),
        "内存有界", $"进程峰值 {peak / 1048576.0:N0} MB（导出前 {before / 1048576.0:N0} MB）");

    clock.Restart();
    var response = await http.GetAsync("/Enterprises?handler=Export&format=xlsx", HttpCompletionOption.ResponseHeadersRead);
    await using var body = await response.Content.ReadAsStreamAsync();
    var length = 0L;
    var buffer = new byte[81920];
    for (int n; (n = await body.ReadAsync(buffer)) > 0;) length += n;
    report.Row("网页导出企业名录（全省，.xlsx）", $"{(int)response.StatusCode}，{length / 1048576.0:N1} MB", Sec(clock.Elapsed), "—", $"Web 进程峰值 {web.PeakMegabytes():N0} MB");
}

// ---- import of 100,000 enterprise rows against a raw bulk insert of the same rows ----------------------------------------
{
    var rows = int.Parse(options.Get("import-rows") ?? "100000");
    var county = await db.Jurisdictions.Where(j => j.Path == "山西省/太原市/小店区").Select(j => new { j.Id, j.Name, j.Code }).SingleAsync();
    var csv = new StringBuilder("统一社会信用代码,企业名称,所在县（市、区）,乡镇（街道）,所属专业镇,企业类型,规模以上企业,认定称号,所属产业,产业领域\n");
    var codes = Enumerable.Range(1, rows).Select(i => Usccs.Make(i)).ToList();
    foreach (var (code, i) in codes.Select((c, i) => (c, i))) csv.Append($"{code},性能测试企业{i:000000}有限公司,{county.Name},,,配套企业,否,,铸造,制造业\n");
    var bytes = Encoding.UTF8.GetBytes(csv.ToString());
    var office = await db.Users.SingleAsync(u => u.UserName == "shanxi-office");
    var scopeOffice = new UserScope(office.Id, Roles.Office, "山西省", null);

    // Floor: rows like these written raw, in a transaction that is rolled back. Under codes of their own: the rolled-back
    // index entries of the file's codes would have the import's lookup and unique checks visit 100,000 dead rows first
    // (on PostgreSQL the lookup took 0.58 s after such a floor), which a real file of new codes never meets.
    var floorCodes = Enumerable.Range(rows + 1, rows).Select(i => Usccs.Make(i)).ToList();
    var floorClock = Stopwatch.StartNew();
    await using (var tx = await db.Database.BeginTransactionAsync())
    {
        var next = await SpecializedTowns.Data.Demo.Scale.BulkRows.MaxIdAsync(db, "enterprises") + 1;
        await SpecializedTowns.Data.Demo.Scale.BulkRows.InsertAsync(db, "enterprises",
            ["id", "name", "uscc", "county_id", "township_id", "specialized_town_id", "role", "industry", "industry_category", "is_above_scale", "is_demo"],
            floorCodes.Select((c, i) => new object?[] { next + i, $"性能测试企业{i:000000}有限公司", c, county.Id, null, null, 2, "铸造", "manufacturing", false, false }));
        await tx.RollbackAsync();
    }
    var floorTime = floorClock.Elapsed;
    db.ChangeTracker.Clear();

    // On the platform a file is checked before it is imported (检查, then 确认导入), so the import finds its queries and
    // per-row code already compiled: here too, by a check of the file's first 200 rows (nothing written, no enterprise read).
    var firstRows = Encoding.UTF8.GetBytes(string.Join('\n', csv.ToString().Split('\n').Take(201)) + "\n");
    await using (var checkDb = storage.CreateContext())
    {
        var check = await ImportEngine.RunAsync(checkDb, scopeOffice, "性能测试", ImportKinds.Find("enterprises")!, "bench.csv", firstRows, commit: false, TimeProvider.System);
        if (check.Errors.Count > 0) throw new InvalidOperationException($"检查前 200 行：{check.Errors[0].Message}");
    }

    await using var importDb = storage.CreateContext();
    var clock = Stopwatch.StartNew();
    var phase = "";
    var phases = new List<string>();
    var phaseClock = Stopwatch.StartNew();
    // Synchronous, so that each phase is timed when it begins rather than when a thread-pool callback runs.
    // With the time the garbage collector held the process still in each phase: most of the variation between runs.
    var paused = GC.GetTotalPauseDuration();
    void EndPhase()
    {
        var now = GC.GetTotalPauseDuration();
        phases.Add($"{phase} {phaseClock.Elapsed.TotalSeconds:F2} s（GC 暂停 {(now - paused).TotalSeconds:F2} s）");
        paused = now;
    }
    var progress = new Phases(p =>
    {
        if (p.Phase == phase) return;
        if (phase != "") EndPhase();
        phase = p.Phase;
        phaseClock.Restart();
    });
    var result = await ImportEngine.RunAsync(importDb, scopeOffice, "性能测试", ImportKinds.Find("enterprises")!, "bench.csv", bytes, commit: true, TimeProvider.System, progress);
    EndPhase();
    report.Line($"导入各阶段：{string.Join("，", phases)}");
    var time = clock.Elapsed;
    var rate = rows / time.TotalSeconds;
    var ok = result.Errors.Count == 0;
    report.Row($"导入企业名录 {rows:N0} 行（逐格逐行校验，一个事务）", ok ? $"新增 {result.Created:N0} 行" : $"出错：{result.Errors.First().Message}",
        $"{Sec(time)}（{rate:N0} 行/秒）；原始批量写入 {Sec(floorTime)}（{rows / floorTime.TotalSeconds:N0} 行/秒）", "≥ 20,000 行/秒", Mark(ok && rate >= 20_000));
    await db.Database.ExecuteSqlRawAsync("DELETE FROM enterprises WHERE name LIKE '性能测试企业%'");
}

report.Table("内存", ["进程", "峰值（VmHWM）", "目标", "达标"]);
report.Row("Web 进程（整个基准过程）", $"{web.PeakMegabytes():N0} MB", "< 500 MB", Mark(web.PeakMegabytes() < 500));

var text = report.ToString();
Console.WriteLine(text);
if (options.Get("out") is { } outFile) await File.WriteAllTextAsync(outFile, text);
return 0;

static string Ms(double ms) => $"{ms:F1} ms";
static string Sec(TimeSpan t) => t.TotalSeconds < 10 ? $"{t.TotalSeconds:F2} s" : $"{t.TotalSeconds:F0} s";
static string Mark(bool ok) => ok ? "✓" : "✗";

namespace SpecializedTowns.Bench
{
    internal sealed class Args
    {
        private readonly Dictionary<string, string> _values = [];

        public static Args Parse(string[] args)
        {
            var result = new Args();
            for (var i = 0; i + 1 < args.Length; i += 2) result._values[args[i].TrimStart('-')] = args[i + 1];
            return result;
        }

        public string? Get(string name) => _values.GetValueOrDefault(name);
    }

    internal sealed record Stats(double P50, double P95);

    internal static class Timing
    {
        public static async Task<Stats> MeasureAsync(int iterations, Func<Task> action)
        {
            for (var i = 0; i < 3; i++) await action();
            var times = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                var clock = Stopwatch.StartNew();
                await action();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
            return new Stats(At(0.5), At(0.95));
        }
    }

    internal static class Sql
    {
        public static async Task ReadAllAsync(DbConnection connection, string sql)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            await using var reader = await cmd.ExecuteReaderAsync();
            do
            {
                var values = new object[reader.FieldCount];
                while (await reader.ReadAsync()) reader.GetValues(values);
            } while (await reader.NextResultAsync());
        }

        public static async Task<object?> ScalarAsync(DbConnection connection, string sql)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            return await cmd.ExecuteScalarAsync();
        }

        public static async IAsyncEnumerable<object?[]> StreamAsync(DbConnection connection, string sql, int limit)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            cmd.CommandTimeout = 600;
            await using var reader = await cmd.ExecuteReaderAsync();
            for (var n = 0; n < limit && await reader.ReadAsync(); n++)
            {
                var values = new object?[reader.FieldCount];
                reader.GetValues(values!);
                yield return values.Select(v => v is DBNull ? null : v).ToArray();
            }
        }
    }

    internal static class Usccs
    {
        private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

        // Region 149999 is no real county: these codes cannot collide with generated or demo enterprises.
        public static string Make(int i)
        {
            var org = new char[9];
            var n = (long)i;
            for (var k = 8; k >= 0; k--) { org[k] = Alphabet[(int)(n % 31)]; n /= 31; }
            var body = "91149999" + new string(org);
            return body + SpecializedTowns.Core.Enterprises.Uscc.CheckCharacter(body);
        }
    }

    internal sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
    }

    internal sealed class Report(string provider, string scale)
    {
        private readonly StringBuilder _text = new StringBuilder()
            .AppendLine($"## 基准结果：{scale} 规模，{provider}（{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC，{Environment.ProcessorCount} 核，{Environment.OSVersion}）").AppendLine();

        public void Line(string text) => _text.AppendLine(text).AppendLine();

        public void Table(string title, string[] headers) =>
            _text.AppendLine().AppendLine($"### {title}").AppendLine().AppendLine($"| {string.Join(" | ", headers)} |").AppendLine($"|{string.Concat(headers.Select(_ => "---|"))}");

        public void Row(params string[] cells) => _text.AppendLine($"| {string.Join(" | ", cells.Select(c => c.Replace("|", "\\|")))} |");

        public override string ToString() => _text.ToString();
    }

    /// <summary>The web platform as its own process on a free loopback port, so its memory is its own.</summary>
    internal sealed class WebProcess : IAsyncDisposable
    {
        private readonly Process _process;
        public Uri Base { get; }

        private WebProcess(Process process, Uri @base) { _process = process; Base = @base; }

        /// <summary>
        /// The garbage collector's first-generation budget docs/operations.md has the platform run with on a machine that does
        /// not report its CPU caches (the runtime then falls back to a budget of a few hundred KB and collects every page or
        /// two): measured as deployed. "--gen0size none" measures without it.
        /// </summary>
        public static string? Gen0Budget(string? option) =>
            option is "none" ? null
            : option is not null ? option
            : OperatingSystem.IsLinux() && !Directory.Exists("/sys/devices/system/cpu/cpu0/cache") ? "0x1000000"
            : null;

        public static async Task<WebProcess> StartAsync(string dll, StorageSettings storage, string? gen0Budget = null)
        {
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var info = new ProcessStartInfo("dotnet", [Path.GetFullPath(dll)]) { WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!, RedirectStandardOutput = true, RedirectStandardError = true };
            info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            info.Environment["Storage__Provider"] = storage.Provider.ToString();
            info.Environment["ConnectionStrings__Main"] = storage.ConnectionString;
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            if (gen0Budget is not null) info.Environment["DOTNET_GCgen0size"] = gen0Budget;
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[web] {e.Data}"); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var web = new WebProcess(process, new Uri($"http://127.0.0.1:{port}"));
            using var probe = new HttpClient { BaseAddress = web.Base, Timeout = TimeSpan.FromSeconds(10) };
            for (var i = 0; i < 240; i++)
            {
                try { if ((await probe.GetAsync("/healthz")).IsSuccessStatusCode) return web; } catch (HttpRequestException) { }
                if (process.HasExited) throw new InvalidOperationException("the web process exited while starting");
                await Task.Delay(500);
            }
            throw new TimeoutException("the web process did not become healthy in 2 minutes");
        }

        public async Task<HttpClient> SignInAsync(string user, string password)
        {
            var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            var http = new HttpClient(handler) { BaseAddress = Base, Timeout = TimeSpan.FromMinutes(10) };
            var form = await http.GetStringAsync("/Account/Login");
            var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = user, ["Password"] = password, ["__RequestVerificationToken"] = token,
            }));
            if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in as {user} failed: {(int)response.StatusCode}");
            return http;
        }

        public async Task GetAsync(HttpClient http, string url)
        {
            using var response = await http.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode}");
            await response.Content.ReadAsByteArrayAsync();
        }

        public double PeakMegabytes()
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? double.NaN : long.Parse(Regex.Match(line, @"\d+").Value) / 1024.0;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }

    internal sealed class Phases(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
