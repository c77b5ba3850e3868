using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Applications;
using SpecializedTowns.Data.Documents;

namespace SpecializedTowns.Data.Reports;

/// <summary>
/// 月报汇总 for a month: the task forces the person sees (<see cref="ReportQueries.MonthAsync"/>), what their submitted
/// reports say, and the problems raised in the ledger for their towns during the month, as a 情况通报 (.docx).
/// </summary>
public sealed class ReportSummary(TownsDbContext db, PolicyCatalog catalog, ReportService reports, Problems.ProblemService problems)
{
    public async Task<DocumentFile> DocumentAsync(UserScope scope, ReportMonth month, string? documentNumber = null, CancellationToken ct = default)
    {
        if (await NothingToReportAsync(scope, ct) is { } none) throw new ReportRuleException(none);
        var input = await InputAsync(scope, month, ct) with { DocumentNumber = documentNumber };
        using var stream = new MemoryStream();
        OfficialDocumentWriter.Write(MonthlySummary.Build(input), stream);
        return new DocumentFile(stream.ToArray(), MonthlySummary.FileName(input));
    }

    /// <summary>
    /// Why there is no 通报 at all: the area looked at has not one 专班 set up, so a 通报 to "各专业镇推进专班" would be
    /// addressed to nobody. The page offers no 月报汇总 then and says this; the API refuses with it. Null when there is one.
    /// </summary>
    public async Task<string?> NothingToReportAsync(UserScope scope, CancellationToken ct = default) =>
        await ReportScope.TaskForces(db, scope).AnyAsync(ct) ? null
            : $"{(Offices.AreaName(scope.JurisdictionPath) is { Length: > 0 } area ? area : "全省")}尚未设立专业镇推进专班，没有可通报的月报";

    /// <summary>
    /// The whole short name the office's 文号 begin with, as its place writes it: the place part of its configured 督办通知书
    /// prefix (Notices:NumberPrefixes 晋中市 = 晋中专办督 → 晋中, not 晋, which is the province's); else the 代字 of the place's
    /// own policy document (运政办发〔2023〕8号 → 运, 垣政办发 → 垣, 晋政办发 → 晋); else the place's short name among the
    /// others' (its first character, or 平定 where 平 would also be 平鲁's: <see cref="Core.Documents.PlaceShortNames"/>).
    /// </summary>
    public static string AgencyShortName(PolicyCatalog catalog, Notices.NoticeSettings notices, string homePath)
    {
        var name = Offices.AreaName(homePath);
        if (notices.Configured(name, homePath) is { } prefix) return Core.Documents.DocumentNumber.PlaceShortName(prefix) ?? prefix[..1];
        return Jurisdictions.OfficeShortNames.Of(catalog.Packs).For(homePath);
    }

    /// <summary>Why a 文号 typed for the 通报 is not the issuing office's own (<see cref="Core.Documents.DocumentNumber.CheckIssuer"/>); null when it is.</summary>
    public static string? NumberProblem(UserScope scope, string? written, PolicyCatalog catalog, Notices.NoticeSettings notices) =>
        Core.Documents.DocumentNumber.CheckIssuer(written, AgencyShortName(catalog, notices, scope.HomePath), Offices.Office(catalog, scope.HomePath));

    public async Task<MonthlySummaryInput> InputAsync(UserScope scope, ReportMonth month, CancellationToken ct = default)
    {
        var today = reports.Today;
        var overview = await ReportQueries.MonthAsync(db, scope, month, today, reports.Settings, ct: ct);
        var ids = overview.Rows.Where(r => r.ReportId is not null).Select(r => r.ReportId!.Value).ToList();
        var stored = await db.MonthlyReports.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);

        // Problems raised for the towns in the month, China time.
        var from = month.FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
        var to = month.FirstDay.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
        var townIds = overview.Rows.Select(r => (int?)r.TownId).Distinct().ToList();
        var raised = (await (await problems.VisibleAsync(scope, ct)).AsNoTracking()
                .Where(p => townIds.Contains(p.SpecializedTownId) && p.RaisedAtUtc >= from && p.RaisedAtUtc < to)
                .OrderBy(p => p.RaisedAtUtc).Select(p => new { p.SpecializedTownId, p.Title, p.State }).ToListAsync(ct))
            .ToLookup(p => p.SpecializedTownId!.Value, p => $"{p.Title.TrimEnd('。')}（{ProblemNames.Chinese(p.State)}）");

        var rows = overview.Rows.Select(r =>
        {
            var report = r.ReportId is { } id && ReportStates.IsReported(stored[id].State) ? stored[id] : null;
            return new SummaryRow(r.Town, r.County, string.Join("、", r.LeadUnits), ReportComparison.Status(r), r.Timeliness, r.State,
                r.SubmittedAtUtc is { } at ? ReportDeadline.ChinaDate(at) : null,
                report?.Figures, report?.Progress, report?.NextMonthPlan, report?.Difficulties,
                report is null ? [] : r.Flags.Select(f => ReportFigures.Checked.Contains(f.Figure) ? $"{f.Text}（说明：{report.Explanation(f.Figure) ?? "未说明"}）" : f.Text).ToList(),
                raised[r.TownId].ToList())
            {
                FlaggedFigures = report is null ? [] : r.Flags.Select(f => f.Figure).ToList(),
                ComparedWith = report is null ? null : r.Flags.Select(f => f.Against).FirstOrDefault(a => a is not null),
            };
        }).ToList();

        // The 通报 covers what the person looks at (one county, when a city office narrows the top bar to it) and is issued by
        // the person's own office: a city office looking at 新绛县 does not write as 新绛县's office.
        var (path, home) = (scope.JurisdictionPath, scope.HomePath);
        return new MonthlySummaryInput
        {
            Office = Offices.Office(catalog, home),
            Recipient = $"{Offices.LeadingGroup(catalog, home)}各成员单位，各专业镇推进专班",
            Area = Offices.AreaName(path) is { Length: > 0 } area ? area : "全省",
            Month = month,
            DueOn = overview.DueOn,
            AsOf = today,
            Rows = rows,
            Basis = await BasisAsync(path, overview, ct),
        };
    }

    // The clause that has task forces report monthly: the document governing the person's area, else — when every task force
    // lies in one county — that county's document (a city's summary of one county's task forces cites 新政办发〔2023〕33号).
    private async Task<CitedText?> BasisAsync(string path, MonthOverview overview, CancellationToken ct)
    {
        var pack = catalog.PackGoverning(path);
        if (Monthly(pack) is null && overview.Rows.Count > 0)
        {
            var forceIds = overview.Rows.Select(r => r.TaskForceId).ToList();
            var counties = await db.TaskForces.AsNoTracking().Where(f => forceIds.Contains(f.Id)).Select(f => f.County!.Path).Distinct().ToListAsync(ct);
            if (counties.Count == 1) pack = catalog.PackGoverning(counties[0]);
        }
        return Monthly(pack) is { } rule ? new CitedText(rule.Text ?? rule.What ?? "", rule.Source) : null;

        static ReportingRule? Monthly(PolicyPack? p) => p?.Mechanisms.Reporting.FirstOrDefault(r => r.Frequency == "monthly" && !string.IsNullOrWhiteSpace(r.Text) && r.Source is not null);
    }
}
