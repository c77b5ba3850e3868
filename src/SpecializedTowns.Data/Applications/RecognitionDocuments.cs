using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Applications;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Documents;
using SpecializedTowns.Core;

namespace SpecializedTowns.Data.Applications;

/// <summary>A generated file: its bytes and the name it downloads as.</summary>
public sealed record DocumentFile(byte[] Content, string FileName)
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}

/// <summary>
/// 认定决定 and 认定证书 (issue 6), written from the stored recognition only: the application's decision number and dates,
/// the standard and its clauses from the policy pack, the town as registered. Nothing is stored; the same recognition prints
/// the same document every time. Out of scope or not (yet) recognised is "not found".
/// </summary>
public sealed class RecognitionDocuments(TownsDbContext db, PolicyCatalog catalog, ApplicationService applications, AdjustmentSettings adjustments)
{
    /// <summary>The decision on one recognised application.</summary>
    public async Task<DocumentFile> DecisionAsync(UserScope scope, int applicationId, CancellationToken ct = default)
    {
        var a = await Recognized(scope).SingleOrDefaultAsync(x => x.Id == applicationId, ct) ?? throw new ApplicationNotFoundException();
        var standard = catalog.FindStandard(a.StandardId) ?? throw new ApplicationNotFoundException();
        var town = (await TownsAsync([a.SpecializedTownId], ct))[a.SpecializedTownId];
        var recognizedOn = await RecognizedOnAsync([a.Id], ct);
        var publicity = a.PublicityEndsOn is { } end ? $"，并经公示（至{OfficialDocument.FormatDate(end)}）无异议" : "";
        var input = DecisionInput(standard, [town], await CountyPathsAsync([a.SpecializedTownId], ct), a.DecisionDocumentNumber, recognizedOn[a.Id],
            $"经{Applicant(standard, town)}申报，领导小组办公室形式审查、专家评审，领导小组审定{publicity}") with
        {
            Relaxed = RecognitionRelaxations.Of(standard, a.FactsJson, a.PanelConclusionJson).Select(r => (town.Name, r.Basis)).ToList(),
        };
        return Write(RecognitionDecision.Build(input), $"认定决定-{town.Name}.docx");
    }

    /// <summary>
    /// One decision for every application recognised under a standard in a year that the person sees: the usual way an
    /// office announces a batch ("关于认定…等N个专业镇为市级专业镇的决定"). The 文号 is the one the applications share, else
    /// <paramref name="documentNumber"/>, else left blank for the office to fill in.
    /// </summary>
    public async Task<DocumentFile> BatchDecisionAsync(UserScope scope, string standardId, int year, string? documentNumber, CancellationToken ct = default)
    {
        var standard = catalog.FindStandard(standardId) ?? throw new ApplicationNotFoundException();
        var candidates = await Recognized(scope).Where(a => a.StandardId == standardId).ToListAsync(ct);
        var dates = await RecognizedOnAsync(candidates.Select(a => a.Id).ToList(), ct);
        var batch = candidates.Where(a => dates[a.Id].Year == year).OrderBy(a => dates[a.Id]).ThenBy(a => a.Id).ToList();
        if (batch.Count == 0) throw new ApplicationNotFoundException();
        var towns = await TownsAsync(batch.Select(a => a.SpecializedTownId).ToList(), ct);
        var numbers = batch.Select(a => a.DecisionDocumentNumber).Distinct().ToList();
        var number = string.IsNullOrWhiteSpace(documentNumber) ? numbers.Count == 1 ? numbers[0] : null : documentNumber.Trim();
        var input = DecisionInput(standard, batch.Select(a => towns[a.SpecializedTownId]).DistinctBy(t => t.Name).ToList(),
            await CountyPathsAsync(towns.Keys, ct), number,
            batch.Max(a => dates[a.Id]), "经申报、形式审查、专家评审、领导小组审定和公示") with
        {
            Relaxed = batch.SelectMany(a => RecognitionRelaxations.Of(standard, a.FactsJson, a.PanelConclusionJson)
                .Select(r => (towns[a.SpecializedTownId].Name, r.Basis))).Distinct().ToList(),
        };
        return Write(RecognitionDecision.Build(input), $"认定决定-{year}年{standard.Name}.docx");
    }

    /// <summary>The certificate of a recognised application: the tier change its recognition wrote.</summary>
    public async Task<DocumentFile> ApplicationCertificateAsync(UserScope scope, int applicationId, CancellationToken ct = default)
    {
        var a = await Recognized(scope).SingleOrDefaultAsync(x => x.Id == applicationId, ct) ?? throw new ApplicationNotFoundException();
        var change = await db.TierChanges.AsNoTracking()
            .Where(c => c.SpecializedTownId == a.SpecializedTownId && c.Tier == a.TargetTier && c.StandardId == a.StandardId)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct) ?? throw new ApplicationNotFoundException();
        return await CertificateAsync(a.SpecializedTownId, change, "经申报、评审和公示", ct);
    }

    /// <summary>
    /// The certificate of a town's current tier (县级 and above; 储备 is not a recognition): the latest step of its history at
    /// that tier, whether it came from an application or from a document entered with the town.
    /// </summary>
    public async Task<DocumentFile> TownCertificateAsync(UserScope scope, int townId, CancellationToken ct = default)
    {
        var change = await TownCertificateChangeAsync(scope, townId, ct);
        if (change is null)
        {
            // A town that held a tier and left it is told so, with when and by which 文号 (qa120 5), not 未找到.
            var town = await scope.Towns(db).AsNoTracking().Where(t => t.Id == townId).Select(t => new { t.Name, t.Tier }).SingleOrDefaultAsync(ct);
            List<TierChange> history = town is null ? [] : await db.TierChanges.AsNoTracking().Where(c => c.SpecializedTownId == townId).ToListAsync(ct);
            if (town is not null && NoLongerHeld(town.Name, history) is { } why) throw new CertificateRefusedException(why);
            throw new ApplicationNotFoundException();
        }
        var basis = change.DocumentNumber is { Length: > 0 } n ? $"根据{n}" : "经认定";
        return await CertificateAsync(townId, change, basis, ct);
    }

    /// <summary>
    /// Why a town with no tier to certify has no certificate when it once held one: 平定砂器刻花瓷专业镇已于2026年12月8日退出市级
    /// （阳专办〔2026〕5号），不再出具认定证书. Null when it never held a recognised tier.
    /// </summary>
    public static string? NoLongerHeld(string town, IEnumerable<TierChange> history)
    {
        var steps = history.OrderBy(c => c.EffectiveOn).ThenBy(c => c.Id).ToList();
        for (var i = steps.Count - 1; i > 0; i--)
            if (Tiers.IsRecognised(steps[i - 1].Tier) && !Tiers.IsRecognised(steps[i].Tier))
                return $"{town}已于{OfficialDocument.FormatDate(steps[i].EffectiveOn)}退出{Tiers.Chinese(steps[i - 1].Tier)}"
                    + $"{(steps[i].DocumentNumber is { Length: > 0 } n ? $"（{n}）" : "")}，不再出具认定证书";
        return null;
    }

    /// <summary>The step of the history the town's certificate prints, or null when it has none (or is outside the scope).</summary>
    public async Task<TierChange?> TownCertificateChangeAsync(UserScope scope, int townId, CancellationToken ct = default)
    {
        var town = await scope.Towns(db).AsNoTracking().Where(t => t.Id == townId).Select(t => new { t.Tier }).SingleOrDefaultAsync(ct);
        if (town is null) return null;
        return CertificateChange(town.Tier, await db.TierChanges.AsNoTracking().Where(c => c.SpecializedTownId == townId).ToListAsync(ct));
    }

    /// <summary>
    /// The step of a town's history its certificate prints: the one its tier rests on (<see cref="TierStanding"/>), else the
    /// latest change to the tier it holds now where the history ends at another. A 培育 (reserve) town has no certificate; a
    /// tier held without a recorded change (entered before the platform) has none either.
    /// </summary>
    public static TierChange? CertificateChange(Tier tier, IEnumerable<TierChange> history)
    {
        // Nor does a town taken off the list (decision 0024): a certificate says it holds a tier it no longer holds.
        if (!Tiers.IsRecognised(tier)) return null;
        var steps = history.ToList();
        return TierStanding.On(steps) is { } standing && standing.Tier == tier ? standing
            : steps.Where(c => c.Tier == tier).OrderByDescending(c => c.EffectiveOn).ThenByDescending(c => c.Id).FirstOrDefault();
    }

    /// <summary>The town's latest recognised application the person sees, for the town page's 认定决定 button.</summary>
    public Task<int?> LatestRecognizedApplicationAsync(UserScope scope, int townId, CancellationToken ct = default) =>
        Recognized(scope).Where(a => a.SpecializedTownId == townId).OrderByDescending(a => a.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);

    /// <summary>证书编号: the issuing area's short name, the year and the certificate's place in the area's year (阳泉专认〔2026〕1号).</summary>
    public static string CertificateNumber(string area, int year, int sequence) => $"{Core.Documents.PlaceShortNames.Full(area)}专认〔{year}〕{sequence}号";

    /// <summary>
    /// The certificate's place among those its area issued in its year: every step of any town's history to a tier above
    /// 储备 that took effect that year and that the same area recognised, counted in the order they were recorded. Derived, not
    /// stored: a step recorded later — in another area, or backdated into the same year — comes after, so a printed number never changes.
    /// </summary>
    public async Task<int> CertificateSequenceAsync(TierChange change, CancellationToken ct = default)
    {
        var areaPath = AreaOf(change.StandardId, change.Tier, await db.Towns.Where(t => t.Id == change.SpecializedTownId).Select(t => t.County!.Path).SingleAsync(ct));
        var (from, to) = (new DateOnly(change.EffectiveOn.Year, 1, 1), new DateOnly(change.EffectiveOn.Year + 1, 1, 1));
        var year = await db.TierChanges.AsNoTracking()
            .Where(c => c.Tier != Tier.Reserve && c.EffectiveOn >= from && c.EffectiveOn < to && c.Id <= change.Id)
            .Join(db.Towns, c => c.SpecializedTownId, t => t.Id, (c, t) => new { c.StandardId, c.Tier, CountyPath = t.County!.Path })
            .ToListAsync(ct);
        return Math.Max(1, year.Count(c => AreaOf(c.StandardId, c.Tier, c.CountyPath) == areaPath));
    }

    // Who recognised a step: the area of its standard, else of its tier above the town's county.
    private string AreaOf(string? standardId, Tier tier, string countyPath) =>
        (standardId is null ? null : catalog.FindStandard(standardId)) is { } standard ? catalog.AreaOf(standard) : AreaOfTier(countyPath, tier);

    private async Task<DocumentFile> CertificateAsync(int townId, TierChange change, string basis, CancellationToken ct)
    {
        var town = (await TownsAsync([townId], ct))[townId];
        var countyPath = await db.Towns.Where(t => t.Id == townId).Select(t => t.County!.Path).SingleAsync(ct);
        var areaPath = AreaOf(change.StandardId, change.Tier, countyPath);
        var area = LastName(areaPath);
        var input = new CertificateInput
        {
            Number = CertificateNumber(area, change.EffectiveOn.Year, await CertificateSequenceAsync(change, ct)),
            Town = town, Area = area, TierName = Tiers.Chinese(change.Tier),
            IssuingAuthority = LeadingGroup(areaPath), Basis = basis,
            DocumentNumber = change.DocumentNumber, Date = change.EffectiveOn,
        };
        using var stream = new MemoryStream();
        RecognitionCertificate.Write(input, stream);
        return new DocumentFile(stream.ToArray(), RecognitionCertificate.FileName(input));
    }

    private IQueryable<RecognitionApplication> Recognized(UserScope scope) =>
        applications.Visible(scope).AsNoTracking().Where(a => a.State == ApplicationState.Recognized);

    private Task<List<string>> CountyPathsAsync(IReadOnlyCollection<int> townIds, CancellationToken ct) =>
        db.Towns.Where(t => townIds.Contains(t.Id)).Select(t => t.County!.Path).Distinct().ToListAsync(ct);

    private RecognitionDecisionInput DecisionInput(RecognitionStandard standard, IReadOnlyList<RecognizedTown> towns, IReadOnlyList<string> countyPaths,
        string? number, DateOnly date, string procedure)
    {
        var areaPath = catalog.AreaOf(standard);
        var pack = catalog.FindPack(standard.PackId)!;
        var group = LeadingGroup(areaPath);
        var rule = ExitRule.Of(pack.Mechanisms.DynamicAdjustment, adjustments.ExitAfterYears);
        // The evaluation the towns take part in: the standard's own document's, else the one document governing every town's
        // county (运城's standard is quoted in county texts; 新政办发〔2023〕33号 sets 新绛's evaluation). None is named otherwise.
        var local = countyPaths.Select(p => PolicyCatalog.AnnualEvaluation(catalog.PackGoverning(p))).Distinct().ToList();
        var evaluation = PolicyCatalog.AnnualEvaluation(pack) ?? (local.Count == 1 ? local[0] : null);
        return new RecognitionDecisionInput
        {
            IssuingAuthority = group,
            Office = group + "办公室",
            DocumentNumber = number,
            Area = LastName(areaPath),
            TierName = Tiers.Chinese(Tiers.Parse(standard.Tier) ?? Tier.Municipal),
            Recipients = towns.Select(t => Applicant(standard, t)).Distinct().ToList(),
            Towns = towns,
            PolicyTitle = pack.Document.Title,
            PolicyNumber = pack.Document.Number,
            StandardName = standard.Name,
            // The standard's clause under its own document (PolicyPack.Cite): 运城's city standard is known only as 垣曲's
            // document quotes it, and a bare 垣政办发〔2023〕19号 三 read as 垣曲's text deciding a 新绛 or 永济 town.
            StandardSource = standard.Citation,
            Procedure = procedure,
            Cycle = string.IsNullOrWhiteSpace(standard.Cycle) ? null : new CitedText(standard.Cycle, standard.Citation),
            DynamicAdjustment = rule.IsPlatformDefault ? null : new CitedText(rule.Text ?? $"连续{rule.Years}年未达到认定标准的，予以降级或退出", rule.Source),
            Evaluation = evaluation is null ? null : new CitedText(EvaluationText(evaluation), evaluation.Source),
            Date = date,
        };
    }

    // What the evaluation is and what follows from it, each clause once: packs record a consequence per kind, and the
    // 督办 and 限期整改 of one sentence would otherwise be printed twice.
    private static string EvaluationText(EvaluationRule rule)
    {
        var parts = new[] { rule.What }.Concat(rule.Consequences.Select(c => c.Text))
            .Select(x => x?.Trim().TrimEnd('。', '；', '，') ?? "").Where(x => x.Length > 0).Distinct().ToList();
        return string.Join("；", parts.Where(x => !parts.Any(other => other != x && other.Contains(x, StringComparison.Ordinal))));
    }

    // The applicant the standard names: the county government, or the township (街道) for a township standard.
    private static string Applicant(RecognitionStandard standard, RecognizedTown town) =>
        standard.Applicant == "township" && town.Townships.Count > 0
            ? town.Townships[0] + (town.Townships[0].EndsWith("街道", StringComparison.Ordinal) ? "办事处" : "人民政府")
            : town.County + "人民政府";

    private string LeadingGroup(string areaPath) => Offices.LeadingGroup(catalog, areaPath);

    // Where a tier is recognised when the history does not name the standard: the county, its city, or the province.
    private static string AreaOfTier(string countyPath, Tier tier)
    {
        var parts = countyPath.Split('/');
        var depth = tier switch { Tier.Provincial => 1, Tier.Municipal => 2, _ => parts.Length };
        return string.Join("/", parts.Take(Math.Min(depth, parts.Length)));
    }

    private static string LastName(string path) => Offices.AreaName(path);

    private async Task<Dictionary<int, RecognizedTown>> TownsAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var towns = await db.Towns.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Include(t => t.County).Include(t => t.Townships).ThenInclude(x => x.Township).AsSplitQuery().ToListAsync(ct);
        return towns.ToDictionary(t => t.Id, t => new RecognizedTown(t.Name, t.County!.Name,
            t.Townships.Select(x => x.Township!.Name).OrderBy(n => n, StringComparer.Ordinal).ToList(), t.Category, t.LeadingIndustry, t.LeadingProducts));
    }

    // The day the recognition took effect (公示期满 confirmed), in China time.
    private async Task<Dictionary<int, DateOnly>> RecognizedOnAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var events = await db.ApplicationEvents.AsNoTracking()
            .Where(e => ids.Contains(e.ApplicationId) && e.To == ApplicationState.Recognized && e.From != ApplicationState.Recognized)
            .Select(e => new { e.ApplicationId, e.AtUtc }).ToListAsync(ct);
        return ids.ToDictionary(id => id, id => events.Where(e => e.ApplicationId == id).Select(e => ChinaTime.Date(e.AtUtc)).DefaultIfEmpty(DateOnly.MinValue).Max());
    }

    private static DocumentFile Write(OfficialDocument document, string fileName)
    {
        using var stream = new MemoryStream();
        OfficialDocumentWriter.Write(document, stream);
        return new DocumentFile(stream.ToArray(), fileName);
    }
}

/// <summary>No certificate for a town that no longer holds the tier it was recognised at; the message says when it left and by which 文号.</summary>
public sealed class CertificateRefusedException(string message) : Exception(message), IRefusal
{
    public RefusalKind Kind => RefusalKind.Conflict;
    public string? Field => null;
}
