using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Core;

namespace SpecializedTowns.Data.Towns;

public sealed record TownInput
{
    public string Name { get; init; } = "";
    public int? CountyId { get; init; }
    public IReadOnlyList<int> TownshipIds { get; init; } = [];
    public string? Category { get; init; }
    public string LeadingIndustry { get; init; } = "";
    public string? LeadingProducts { get; init; }
    public string? PolicyId { get; init; }
    public bool HistoricalOriginOrGeographicalIndication { get; init; }
    public bool? LargeNationalMarketSpace { get; init; }

    /// <summary>Only when a town is first registered: the tier it already holds, with the document that gave it.</summary>
    public Tier? Tier { get; init; }
    public DateOnly? TierSince { get; init; }
    public string? TierDocumentNumber { get; init; }

    /// <summary>The version the form or API body was loaded at (<see cref="Core.IVersioned"/>); null saves without the check.</summary>
    public int? Version { get; init; }
}

public sealed record StatisticsInput
{
    public int Year { get; init; }
    public decimal? OutputValueWanYuan { get; init; }
    public decimal? RevenueWanYuan { get; init; }
    public decimal? TaxWanYuan { get; init; }
    public int? Employment { get; init; }
    public decimal? ProvincialMarketSharePercent { get; init; }
    public decimal? CityMarketSharePercent { get; init; }
    public decimal? ExportWanYuan { get; init; }
    public int? LeadingEnterprises { get; init; }
    public int? SupportingEnterprises { get; init; }
    public int? Patents { get; init; }
    public int? PublicServicePlatforms { get; init; }

    /// <summary>Set to correct a year already entered and clear the figures left blank; without it a blank keeps nothing by accident.</summary>
    public bool ClearBlanks { get; init; }
}

/// <summary>
/// What saving a year's figures came to: the refusals by field, or — saved — the figures to check that did not stop the save
/// (<see cref="AnnualFigures.JumpWarning"/>).
/// </summary>
public sealed record StatisticsSaved(FieldErrors Errors, IReadOnlyList<string> Warnings);

/// <summary>A figure of the yearly statistics: its field, the name the form and its messages use, its unit and its range.</summary>
public sealed record StatisticsField(string Field, string Name, string Unit, FigureRule Rule, Func<StatisticsInput, decimal?> Typed, Func<TownAnnualStatistics, decimal?> Stored);

/// <summary>
/// What moving a town out of <see cref="County"/> takes along (<see cref="TownRegistry.MoveEffectsAsync"/>) and leaves behind,
/// in the words of the town's form and of its save.
/// </summary>
public sealed record TownMoveEffects(string County, int OpenProblems, IReadOnlyList<string> OpenProblemLeads, int Projects, int Leads,
    int TaskForces, int EnterprisesFollowing, int EnterprisesStaying)
{
    /// <summary>随之转入…：未办结问题 1 件（牵头单位仍为县农业农村局（垣曲县））、重点项目 2 个; null when nothing follows.</summary>
    public string? Following()
    {
        var parts = new List<string>();
        if (OpenProblems > 0)
            parts.Add($"未办结问题 {OpenProblems} 件" + (OpenProblemLeads.Count > 0 ? $"（牵头单位仍为{string.Join("、", OpenProblemLeads)}，{County}领导小组办公室仍可查看、督办）" : ""));
        if (Projects > 0) parts.Add($"重点项目 {Projects} 个");
        if (Leads > 0) parts.Add($"招商线索 {Leads} 条");
        if (TaskForces > 0) parts.Add($"推进专班 {TaskForces} 个");
        if (EnterprisesFollowing > 0) parts.Add($"未登记乡镇的企业 {EnterprisesFollowing} 家");
        return parts.Count == 0 ? null : string.Join("、", parts);
    }

    /// <summary>企业 5 家（其乡镇在垣曲县）; null when every enterprise follows.</summary>
    public string? Staying() => EnterprisesStaying > 0 ? $"企业 {EnterprisesStaying} 家（其乡镇在{County}）" : null;

    /// <summary>The form's word before saving, whichever county is chosen.</summary>
    public string Before() =>
        $"如改属其他县：{(Following() is { } f ? $"随本镇转入新县的有{f}" : "没有随本镇转入新县的记录")}；"
        + (Staying() is { } s ? $"留在{County}、不再属于本镇的有{s}；" : "")
        + $"已办结的问题留在{County}。依据文件须为新县或上级的文件。";

    /// <summary>The save's message once the town moved to <paramref name="to"/>.</summary>
    public string After(string to) =>
        $"改属{to}：" + (Following() is { } f ? $"随之转入{f}" : "没有随之转入的记录")
        + (Staying() is { } s ? $"；{s}留在{County}，不再属于本镇" : "");
}

/// <summary>
/// Registering and changing specialized towns and their yearly figures. The tier changes only through
/// recognition, except when a town that already holds one is first registered (with its document).
/// </summary>
public static class TownRegistry
{
    public static bool CanEdit(UserScope scope) => scope.Role is Roles.Admin or Roles.Office;

    public static bool CanEnterStatistics(UserScope scope) => scope.Role is Roles.Admin or Roles.Office or Roles.Township;

    /// <summary>
    /// The highest tier an office may record when it first registers a town: a county office knows of
    /// county-level recognition, a city office of city-level, and only the province of provincial.
    /// Higher tiers come through 认定申报, so that one county cannot give its own town a provincial badge.
    /// </summary>
    public static Tier HighestTierToRecord(UserScope scope) => scope.IsAdmin ? Tier.Provincial
        : scope.HomePath.Count(c => c == '/') switch { 0 => Tier.Provincial, 1 => Tier.Municipal, _ => Tier.County };

    public static async Task<(int? Id, FieldErrors Errors)> SaveAsync(TownsDbContext db, UserScope scope, int? id, TownInput input, TimeProvider time, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!CanEdit(scope)) { errors.Forbidden("您的角色不能登记或修改专业镇"); return (null, errors); }
        SpecializedTown? town = null;
        if (id is { } editId)
        {
            town = await scope.Towns(db).Include(t => t.Townships).SingleOrDefaultAsync(t => t.Id == editId, ct);
            if (town is null) { errors.NotFound("专业镇不存在，或不在您的数据范围内"); return (null, errors); }
        }

        var name = input.Name.Trim();
        if (name.Length == 0) errors[nameof(input.Name)] = "请填写专业镇名称";
        else if (name.Length > 100) errors[nameof(input.Name)] = "名称不超过 100 字";
        else if (!name.EndsWith("专业镇", StringComparison.Ordinal)) errors[nameof(input.Name)] = "名称应以“专业镇”结尾，如“历山镇蜂蜜专业镇”";
        if (input.Category is null || !IndustryCategories.IsKnown(input.Category)) errors[nameof(input.Category)] = "请选择领域";
        if (string.IsNullOrWhiteSpace(input.LeadingIndustry)) errors[nameof(input.LeadingIndustry)] = "请填写主导产业";
        else if (input.LeadingIndustry.Trim().Length > 100) errors[nameof(input.LeadingIndustry)] = "主导产业不超过 100 字";
        if (input.LeadingProducts?.Trim().Length > 400) errors[nameof(input.LeadingProducts)] = "主导产品不超过 400 字";
        if (global::SpecializedTowns.Core.Documents.DocumentNumber.Check(input.TierDocumentNumber, out _) is { } numberProblem) errors[nameof(input.TierDocumentNumber)] = numberProblem;

        Jurisdiction? county = null;
        if (input.CountyId is null) errors[nameof(input.CountyId)] = "请选择所在县（市、区）";
        else
        {
            county = await db.Jurisdictions.SingleOrDefaultAsync(j => j.Id == input.CountyId && j.Level == JurisdictionLevel.County, ct);
            if (county is null || !scope.Covers(county.Path)) errors[nameof(input.CountyId)] = "所选县不在您的数据范围内";
        }
        if (input.TownshipIds.Count == 0) errors[nameof(input.TownshipIds)] = "请至少选择一个所在乡镇（街道）";
        else if (county is not null && await db.Jurisdictions.CountAsync(j => input.TownshipIds.Contains(j.Id) && j.ParentId == county.Id, ct) != input.TownshipIds.Distinct().Count())
            errors[nameof(input.TownshipIds)] = "所选乡镇（街道）须属于所选县";
        if (county is not null && name.Length > 0
            && await db.Towns.AnyAsync(t => t.CountyId == county.Id && t.Name == name && t.Id != id, ct))
            errors[nameof(input.Name)] = $"{county.Name}已有同名专业镇";
        // Taking a town off the list is a step of its history with its 文号 (TierExits), not a way to register one.
        if (town is null && input.Tier == Tier.Delisted)
            errors[nameof(input.Tier)] = "新登记的专业镇须为储备或已认定的梯次；不再列入名录的，请在动态调整中办理退出";
        else if (town is null && input.Tier is { } held && held != Tier.Reserve)
        {
            if (input.TierSince is null) errors[nameof(input.TierSince)] = "已认定的专业镇请填写认定日期";
            if (string.IsNullOrWhiteSpace(input.TierDocumentNumber)) errors[nameof(input.TierDocumentNumber)] = "已认定的专业镇请填写认定文号";
            if (held > HighestTierToRecord(scope))
                errors[nameof(input.Tier)] = $"您只能登记{Tiers.Chinese(HighestTierToRecord(scope))}及以下的已认定专业镇；更高层级请通过认定申报办理";
            if (input.TierSince is { } since && since > ChinaTime.Today(time))
                errors[nameof(input.TierSince)] = "认定日期不能晚于今天";
        }
        if (!errors.Ok) return (null, errors);

        var now = ChinaTime.Today(time);
        if (town is not null) await EditConflicts.GuardAsync(db, town, input.Version, ct);
        if (town is null)
        {
            var tier = input.Tier ?? Tier.Reserve;
            town = new SpecializedTown { Name = name, Category = input.Category!, LeadingIndustry = "", Tier = tier };
            town.TierHistory.Add(new TierChange
            {
                Tier = tier, EffectiveOn = input.TierSince ?? now, DocumentNumber = global::SpecializedTowns.Core.Documents.DocumentNumber.Written(input.TierDocumentNumber, out _),
                Note = tier == Tier.Reserve ? "登记为储备专业镇" : "登记时已认定",
            });
            db.Towns.Add(town);
        }
        town.Name = name;
        if (town.Id != 0 && town.CountyId != county!.Id) await FollowCountyAsync(db, town.Id, town.CountyId, county.Id, ct);
        town.CountyId = county!.Id;
        town.Category = input.Category!;
        town.LeadingIndustry = input.LeadingIndustry.Trim();
        town.LeadingProducts = string.IsNullOrWhiteSpace(input.LeadingProducts) ? null : input.LeadingProducts.Trim();
        town.PolicyId = input.PolicyId;
        town.HistoricalOriginOrGeographicalIndication = input.HistoricalOriginOrGeographicalIndication;
        town.LargeNationalMarketSpace = input.LargeNationalMarketSpace;
        town.Townships.RemoveAll(t => !input.TownshipIds.Contains(t.TownshipId));
        foreach (var townshipId in input.TownshipIds.Distinct().Where(tid => town.Townships.All(t => t.TownshipId != tid)))
            town.Townships.Add(new TownTownship { TownshipId = townshipId });
        await EditConflicts.SaveAsync(db, town, ct);
        return (town.Id, errors);
    }

    /// <summary>
    /// What a move of the town to another county would take along and leave behind (the rule of
    /// <see cref="FollowCountyAsync"/>, decision 0022), read before the move: the form says it before saving, and the save's
    /// message says what was done.
    /// </summary>
    public static async Task<TownMoveEffects> MoveEffectsAsync(TownsDbContext db, int townId, CancellationToken ct = default)
    {
        var town = await db.Towns.AsNoTracking().Where(t => t.Id == townId)
            .Select(t => new { t.CountyId, County = db.Jurisdictions.Where(j => j.Id == t.CountyId).Select(j => j.Name).First() }).SingleAsync(ct);
        var from = town.CountyId;
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => e.SpecializedTownId == townId && e.CountyId == from)
            .Select(e => new { e.Id, InTownship = e.TownshipId != null }).ToListAsync(ct);
        var followed = enterprises.Where(e => !e.InTownship).Select(e => e.Id).ToList();
        var stayed = enterprises.Where(e => e.InTownship).Select(e => e.Id).ToList();
        var finished = Enum.GetValues<ProblemState>().Where(ProblemNames.IsFinished).ToList();
        var problems = await db.Problems.AsNoTracking().Where(p => p.JurisdictionId == from && !finished.Contains(p.State)
                && (p.SpecializedTownId == townId || (p.EnterpriseId != null && followed.Contains(p.EnterpriseId.Value)))
                && !(p.EnterpriseId != null && stayed.Contains(p.EnterpriseId.Value)))
            .Select(p => p.LeadUnitId).ToListAsync(ct);
        var leadIds = problems.Where(l => l is not null).Select(l => l!.Value).Distinct().ToList();
        var leads = await db.Units.AsNoTracking().Where(u => leadIds.Contains(u.Id)).Select(u => new { u.Name, Place = u.Jurisdiction!.Name }).ToListAsync(ct);
        return new TownMoveEffects(
            town.County,
            problems.Count,
            // Named with their place: after the move they are another county's units (UnitLabel).
            leads.Select(u => global::SpecializedTowns.Core.Units.UnitLabel.Of(u.Name, u.Place)).Distinct().Order(StringComparer.Ordinal).ToList(),
            await db.Projects.CountAsync(p => p.SpecializedTownId == townId && p.CountyId == from, ct),
            await db.InvestmentLeads.CountAsync(l => l.SpecializedTownId == townId && l.CountyId == from, ct),
            await db.TaskForces.CountAsync(f => f.SpecializedTownId == townId && f.CountyId == from, ct),
            followed.Count, stayed.Count);
    }

    /// <summary>
    /// A town moved to another county takes along, in its own save (one transaction, each change audited), the records that
    /// copied its county when they were made and are seen and managed by that county's office: its 专班
    /// (<see cref="Reports.TaskForceService.FollowTownAsync"/>), its 重点项目 and 招商线索 (ProjectScope shows them by their
    /// CountyId), its enterprises that no township places, and its problems still open. Left behind, the old county's office
    /// kept them for a town it no longer sees and the new one never saw them. What stays is in docs/decisions/0022: an
    /// enterprise recorded in a township is where that township is (the old county's; it is no longer the town's, since an
    /// enterprise's town lies in its county), a finished problem keeps the county that handled it (the audit trail and that
    /// county's 办结 figures read it so), and units belong to their county's leading group.
    /// </summary>
    static async Task FollowCountyAsync(TownsDbContext db, int townId, int fromCountyId, int toCountyId, CancellationToken ct)
    {
        await Reports.TaskForceService.FollowTownAsync(db, townId, toCountyId, ct);
        foreach (var project in await db.Projects.Where(p => p.SpecializedTownId == townId && p.CountyId == fromCountyId).ToListAsync(ct))
            project.CountyId = toCountyId;
        foreach (var lead in await db.InvestmentLeads.Where(l => l.SpecializedTownId == townId && l.CountyId == fromCountyId).ToListAsync(ct))
            lead.CountyId = toCountyId;
        var (followed, stayed) = (new List<int>(), new List<int>());
        foreach (var enterprise in await db.Enterprises.Where(e => e.SpecializedTownId == townId && e.CountyId == fromCountyId).ToListAsync(ct))
        {
            if (enterprise.TownshipId is null)
            {
                enterprise.CountyId = toCountyId;
                followed.Add(enterprise.Id);
            }
            else
            {
                enterprise.SpecializedTownId = null;
                stayed.Add(enterprise.Id);
            }
        }
        // A problem of one enterprise (个性问题) goes where its enterprise goes; any other problem of the town with the town.
        var finished = Enum.GetValues<ProblemState>().Where(ProblemNames.IsFinished).ToList();
        foreach (var problem in await db.Problems.Where(p => p.JurisdictionId == fromCountyId && !finished.Contains(p.State)
                     && (p.SpecializedTownId == townId || (p.EnterpriseId != null && followed.Contains(p.EnterpriseId.Value)))
                     && !(p.EnterpriseId != null && stayed.Contains(p.EnterpriseId.Value))).ToListAsync(ct))
            problem.JurisdictionId = toCountyId;
    }

    /// <summary>The figures of the yearly statistics form, in its order, with the ranges every other entry of them uses.</summary>
    public static readonly IReadOnlyList<StatisticsField> StatisticsFields =
    [
        new(nameof(StatisticsInput.OutputValueWanYuan), "年产值", "万元", FigureLimits.Money, i => i.OutputValueWanYuan, s => s.OutputValueWanYuan),
        new(nameof(StatisticsInput.RevenueWanYuan), "营收", "万元", FigureLimits.Money, i => i.RevenueWanYuan, s => s.RevenueWanYuan),
        new(nameof(StatisticsInput.TaxWanYuan), "税收", "万元", FigureLimits.Money, i => i.TaxWanYuan, s => s.TaxWanYuan),
        new(nameof(StatisticsInput.Employment), "就业人数", "人", FigureLimits.Employment, i => i.Employment, s => s.Employment),
        new(nameof(StatisticsInput.ProvincialMarketSharePercent), "全省占有率", "%", FigureLimits.Percent, i => i.ProvincialMarketSharePercent, s => s.ProvincialMarketSharePercent),
        new(nameof(StatisticsInput.CityMarketSharePercent), "全市占有率", "%", FigureLimits.Percent, i => i.CityMarketSharePercent, s => s.CityMarketSharePercent),
        new(nameof(StatisticsInput.ExportWanYuan), "出口", "万元", FigureLimits.Money, i => i.ExportWanYuan, s => s.ExportWanYuan),
        new(nameof(StatisticsInput.LeadingEnterprises), "龙头企业", "家", FigureLimits.LeadingEnterprises, i => i.LeadingEnterprises, s => s.LeadingEnterprises),
        new(nameof(StatisticsInput.SupportingEnterprises), "配套企业", "家", FigureLimits.SupportingEnterprises, i => i.SupportingEnterprises, s => s.SupportingEnterprises),
        new(nameof(StatisticsInput.Patents), "专利", "件", FigureLimits.Patents, i => i.Patents, s => s.Patents),
        new(nameof(StatisticsInput.PublicServicePlatforms), "公共服务平台", "个", FigureLimits.Platforms, i => i.PublicServicePlatforms, s => s.PublicServicePlatforms),
    ];

    public const string ClearBlanksLabel = "确认清空留空的项";

    /// <summary>The figures whose year-on-year jump is questioned (<see cref="AnnualFigures.JumpWarning"/>), as the import questions them.</summary>
    private static readonly IReadOnlyList<StatisticsField> JumpChecked =
        StatisticsFields.Where(f => f.Field is nameof(StatisticsInput.OutputValueWanYuan) or nameof(StatisticsInput.RevenueWanYuan)).ToList();

    /// <summary>
    /// Enters or corrects one year's figures; a new year adds a row, the same year replaces it. <paramref name="unreadable"/>:
    /// the fields the form could not read as numbers, with their messages — typed, so neither blank nor cleared.
    /// </summary>
    public static async Task<StatisticsSaved> SaveStatisticsAsync(TownsDbContext db, UserScope scope, int townId, StatisticsInput input, TimeProvider time,
        CancellationToken ct = default, IReadOnlyDictionary<string, string>? unreadable = null)
    {
        var errors = new FieldErrors();
        if (!CanEnterStatistics(scope)) { errors.Forbidden("您的角色不能录入统计数据"); return new(errors, []); }
        var town = await scope.Towns(db).Include(t => t.Statistics).SingleOrDefaultAsync(t => t.Id == townId, ct);
        if (town is null) { errors.NotFound("专业镇不存在，或不在您的数据范围内"); return new(errors, []); }
        unreadable ??= new Dictionary<string, string>();
        foreach (var (field, message) in unreadable) errors[field] = message;
        var today = ChinaTime.Today(time);
        if (!errors.ContainsKey(nameof(input.Year)))
        {
            if (input.Year < 2000) errors[nameof(input.Year)] = $"年度应在 2000 到 {AnnualFigures.LatestYear(today)} 之间";
            else if (AnnualFigures.YearProblem(input.Year, today) is { } unfinished) errors[nameof(input.Year)] = unfinished;
        }
        foreach (var f in StatisticsFields.Where(f => !errors.ContainsKey(f.Field)))
            if (f.Rule.Problem(f.Name, f.Typed(input)) is { } problem) errors[f.Field] = problem;
        if (!errors.ContainsKey(nameof(input.TaxWanYuan)) && FigureLimits.TaxProblem(input.TaxWanYuan, input.OutputValueWanYuan, input.RevenueWanYuan) is { } taxProblem)
            errors[nameof(input.TaxWanYuan)] = taxProblem;
        var typed = StatisticsFields.Where(f => f.Typed(input) is not null || unreadable.ContainsKey(f.Field)).Select(f => f.Field).ToHashSet();
        // A year with no figure at all would count as the town's latest and show blanks everywhere it is read.
        if (typed.Count == 0) errors[""] = "请至少填写一项统计数据：只有年度的记录不会保存";
        else if (town.Statistics.SingleOrDefault(s => s.Year == input.Year) is { } stored && !input.ClearBlanks)
        {
            // Correcting one figure of a year already entered must not wipe the others the form left blank.
            foreach (var f in StatisticsFields.Where(f => !typed.Contains(f.Field) && f.Stored(stored) is not null))
                errors.TryAdd(f.Field, $"{input.Year}年已填 {Quantity.Exact(f.Stored(stored)!.Value, f.Unit)}，留空将清空此项；请填写，或勾选“{ClearBlanksLabel}”");
        }
        if (!errors.Ok) return new(errors, []);

        var row = town.Statistics.SingleOrDefault(s => s.Year == input.Year);
        if (row is null) town.Statistics.Add(row = new TownAnnualStatistics { Year = input.Year });
        row.OutputValueWanYuan = input.OutputValueWanYuan;
        row.RevenueWanYuan = input.RevenueWanYuan;
        row.TaxWanYuan = input.TaxWanYuan;
        row.Employment = input.Employment;
        row.ProvincialMarketSharePercent = input.ProvincialMarketSharePercent;
        row.CityMarketSharePercent = input.CityMarketSharePercent;
        row.ExportWanYuan = input.ExportWanYuan;
        row.LeadingEnterprises = input.LeadingEnterprises;
        row.SupportingEnterprises = input.SupportingEnterprises;
        row.Patents = input.Patents;
        row.PublicServicePlatforms = input.PublicServicePlatforms;
        row.IsDemo = false;
        await db.SaveChangesAsync(ct);
        var before = town.Statistics.SingleOrDefault(s => s.Year == input.Year - 1);
        return new(errors, before is null ? []
            : JumpChecked.Select(f => AnnualFigures.JumpWarning(f.Name, input.Year, f.Typed(input), f.Stored(before))).OfType<string>().ToList());
    }
}
