using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Documents;

namespace SpecializedTowns.Data.Towns;

/// <summary>What an office records to carry out 动态调整's 建议退出/降级: the tier after it, the 文号, the day it takes effect and why.</summary>
public sealed record TierExitInput(Tier? To, string? DocumentNumber, DateOnly? EffectiveOn, string? Reason);

/// <summary>An exit or lower tier carried out: the town, the tier before and after, its 文号 and the day it took effect.</summary>
public sealed record TierExitDone(int TownId, string Town, string County, Tier From, Tier To, string? DocumentNumber, DateOnly EffectiveOn)
{
    public string What => TierExits.Describe(From, To);
}

/// <summary>A refused exit or lower tier, with the input at fault (to, documentNumber, effectiveOn, reason) when there is one.</summary>
public sealed class TierExitRefusedException(string message, string? field = null, RefusalKind kind = RefusalKind.Invalid) : Exception(message), IRefusal
{
    public RefusalKind Kind { get; } = kind;
    public string? Field { get; } = field;
}

/// <summary>
/// 退出 (to 储备) or 降级 of a recognised town, as a step of its tier history with its basis: the office whose standard the
/// town holds its tier under records it, with the 文号 checked as at 认定, the day and the reason. The town's tier and its
/// history change together in one save, through the audit trail; nothing is written when any input is refused.
/// A town may also be taken off the list altogether (<see cref="Tier.Delisted"/>, 不再列入专业镇名录, decision 0024), from a
/// recognised tier or from 储备; its history stays.
/// </summary>
public static class TierExits
{
    public const int ReasonMaxLength = 400;

    /// <summary>
    /// The tiers a town may be moved down to: 储备 (from a recognised tier), each lower tier with a standard that applies where it
    /// lies, and off the list altogether.
    /// </summary>
    public static IReadOnlyList<(Tier Tier, RecognitionStandard? Standard)> Choices(PolicyCatalog catalog, Tier current, string countyPath) =>
        (current == Tier.Reserve ? [] : new (Tier Tier, RecognitionStandard? Standard)[] { (Tier.Reserve, null) })
            .Concat(catalog.Standards
                .Select(s => (Standard: s, Tier: Tiers.Parse(s.Tier), Area: catalog.AreaOf(s)))
                .Where(s => s.Tier is { } t && t != Tier.Reserve && t < current && s.Area.Length > 0
                    && (countyPath == s.Area || countyPath.StartsWith(s.Area + "/", StringComparison.Ordinal)))
                .GroupBy(s => s.Tier!.Value)
                .Select(g => (g.Key, (RecognitionStandard?)g.OrderByDescending(s => s.Area.Length).ThenBy(s => s.Standard.Id, StringComparer.Ordinal).First().Standard)))
            .Append((Tier.Delisted, null))
            .OrderByDescending(c => c.Item1).ToList();

    /// <summary>Whether the person may record the town's exit or lower tier: the office of the area whose standard it holds, or the administrator.</summary>
    public static bool MayRecord(PolicyCatalog catalog, UserScope scope, RecognitionStandard? own) =>
        scope.IsAdmin || own is not null && scope.IsOfficeOf(catalog.AreaOf(own));

    /// <summary>
    /// Whether the person may take a 储备 town off the list: 储备 rests on no standard, so the office of its county or of a city
    /// or province above it (each keeps the 储备 it cultivates), or the administrator.
    /// </summary>
    public static bool MayDelistReserve(UserScope scope, string countyPath) =>
        scope.IsAdmin || scope.Role == Core.Accounts.Roles.Office
            && (countyPath == scope.HomePath || countyPath.StartsWith(scope.HomePath + "/", StringComparison.Ordinal));

    /// <summary>
    /// The exits and lower tiers of the person's towns, newest first: each step of a town's history to a tier below the one
    /// before it, so /Adjustments shows what was done after its proposal has gone (the town no longer fails a tier it holds).
    /// </summary>
    public static async Task<IReadOnlyList<TierExitDone>> DoneAsync(TownsDbContext db, UserScope scope, CancellationToken ct = default)
    {
        var towns = scope.Towns(db);
        var steps = await db.TierChanges.AsNoTracking().Where(c => towns.Any(t => t.Id == c.SpecializedTownId))
            .Select(c => new { c.Id, c.SpecializedTownId, c.Tier, c.EffectiveOn, c.DocumentNumber }).ToListAsync(ct);
        var downs = steps.GroupBy(s => s.SpecializedTownId).SelectMany(g =>
        {
            var ordered = g.OrderBy(s => s.EffectiveOn).ThenBy(s => s.Id).ToList();
            return ordered.Skip(1).Select((s, i) => (Before: ordered[i], Step: s)).Where(p => p.Step.Tier < p.Before.Tier);
        }).ToList();
        if (downs.Count == 0) return [];
        var ids = downs.Select(d => d.Step.SpecializedTownId).Distinct().ToList();
        var names = await db.Towns.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Name, County = t.County!.Name }).ToDictionaryAsync(t => t.Id, ct);
        return downs.OrderByDescending(d => d.Step.EffectiveOn).ThenByDescending(d => d.Step.Id)
            .Select(d => new TierExitDone(d.Step.SpecializedTownId, names[d.Step.SpecializedTownId].Name, names[d.Step.SpecializedTownId].County,
                d.Before.Tier, d.Step.Tier, d.Step.DocumentNumber, d.Step.EffectiveOn)).ToList();
    }

    /// <summary>What the step's note and the pages call the change.</summary>
    public static string Describe(Tier from, Tier to) =>
        to == Tier.Delisted ? (from == Tier.Reserve ? "退出储备，不再列入专业镇名录" : $"退出{Tiers.Chinese(from)}专业镇，不再列入专业镇名录")
        : to == Tier.Reserve ? $"退出{Tiers.Chinese(from)}专业镇，转入储备培育" : $"由{Tiers.Chinese(from)}降为{Tiers.Chinese(to)}专业镇";

    /// <summary>
    /// Whether 动态调整 proposes the exit or lower tier of a recognised town (its 建议退出/降级), the same finding that puts the
    /// form on /Adjustments; null when it does, else why not, naming what the review says of the town instead.
    /// </summary>
    public static async Task<string?> NotProposedAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, AdjustmentSettings settings,
        SpecializedTown town, CancellationToken ct = default)
    {
        var findings = (await TierReview.AdjustmentsAsync(db, catalog, scope, settings, ct)).Where(i => i.Town.Id == town.Id).ToList();
        if (findings.Any(i => i.Kind == AdjustmentKind.Removal)) return null;
        var instead = findings.Any(i => i.Kind == AdjustmentKind.Warning) ? "目前仅为预警（最新年度有条件不符合，尚未连续不达标）"
            : "目前没有不达标的年度";
        return $"动态调整没有建议{town.Name}退出或降级：{instead}。退出或降级只能办理动态调整“建议退出/降级”的专业镇";
    }

    /// <summary>
    /// Why the 文号 is not the deciding office's own (null when it is): its 代字 begins with the office's place's short name,
    /// the same rule as the monthly 通报's (<see cref="Reports.ReportSummary.AgencyShortName"/>), so 垣专办〔2026〕5号 cannot
    /// carry 阳泉's decision. The deciding office is that of the standard the town holds (for 储备, the person's own).
    /// </summary>
    public static string? NumberNotOwn(PolicyCatalog catalog, global::SpecializedTowns.Data.Notices.NoticeSettings notices, string officePath, string? written) =>
        Core.Documents.DocumentNumber.CheckIssuer(written, global::SpecializedTowns.Data.Reports.ReportSummary.AgencyShortName(catalog, notices, officePath), Offices.Office(catalog, officePath));

    public static async Task<TierChange> RecordAsync(TownsDbContext db, PolicyCatalog catalog, AdjustmentSettings settings, global::SpecializedTowns.Data.Notices.NoticeSettings notices,
        UserScope scope, int townId, TierExitInput input, TimeProvider time, CancellationToken ct = default)
    {
        var town = await scope.Towns(db).Include(t => t.County).Include(t => t.TierHistory).SingleOrDefaultAsync(t => t.Id == townId, ct)
            ?? throw new TierExitRefusedException("专业镇不存在，或不在您的数据范围内", kind: RefusalKind.NotFound);
        if (town.Tier == Tier.Delisted)
        {
            var gone = TierStanding.On(town.TierHistory);
            throw new TierExitRefusedException($"{town.Name}已不再列入专业镇名录（{gone?.DocumentNumber}，{OfficialDocument.FormatDate(gone?.EffectiveOn ?? default)}起）", kind: RefusalKind.Conflict);
        }
        var countyPath = town.County!.Path;
        if (town.Tier == Tier.Reserve && input.To != Tier.Delisted)
            throw new TierExitRefusedException($"{town.Name}为储备专业镇，没有可退出或降级的认定层级；如不再培育，可选择“不再列入专业镇名录”（to=delisted）", "to", RefusalKind.Conflict);
        var own = town.Tier == Tier.Reserve ? null : TierReview.OwnStandardOf(catalog, town, countyPath);
        if (town.Tier == Tier.Reserve ? !MayDelistReserve(scope, countyPath) : !MayRecord(catalog, scope, own))
            throw new TierExitRefusedException(own is null
                ? (town.Tier == Tier.Reserve ? $"{town.Name}为{town.County.Name}的储备专业镇，由其所在县（市、区）或上级领导小组办公室办理退出"
                    : $"{town.Name}所在地没有适用的{Tiers.Chinese(town.Tier)}认定标准，只有系统管理员可以调整其梯次")
                : $"{town.Name}的{Tiers.Chinese(town.Tier)}认定依据{own.Name}，退出或降级由{Offices.Office(catalog, catalog.AreaOf(own))}办理", kind: RefusalKind.Forbidden);

        var current = Tiers.Chinese(town.Tier);
        // The API follows the page: only a town 动态调整 proposes for it leaves a recognised tier (qa120 5).
        if (town.Tier != Tier.Reserve && await NotProposedAsync(db, catalog, scope, settings, town, ct) is { } notProposed)
            throw new TierExitRefusedException(notProposed, kind: RefusalKind.Conflict);
        if (input.To is not { } to) throw new TierExitRefusedException("请选择调整后的梯次（转入储备、降为较低梯次或不再列入专业镇名录）", "to");
        if (to >= town.Tier) throw new TierExitRefusedException($"调整后的梯次应低于现梯次（{current}）", "to");
        var choice = Choices(catalog, town.Tier, countyPath).Where(c => c.Tier == to).Select(c => ((Tier, RecognitionStandard?)?)c).FirstOrDefault()
            ?? throw new TierExitRefusedException($"{town.County.Name}没有适用的{Tiers.Chinese(to)}认定标准，不能降为{Tiers.Chinese(to)}；可退出{current}转入储备", "to");

        if (string.IsNullOrWhiteSpace(input.DocumentNumber)) throw new TierExitRefusedException(to == Tier.Delisted ? "不再列入专业镇名录须填写文号" : "退出或降级须填写文号", "documentNumber");
        var number = Core.Documents.DocumentNumber.Written(input.DocumentNumber, out var numberProblem);
        if (numberProblem is not null) throw new TierExitRefusedException(numberProblem, "documentNumber");
        var issuer = own is not null ? catalog.AreaOf(own) : scope.IsAdmin ? null : scope.HomePath;
        if (issuer is { Length: > 0 } && NumberNotOwn(catalog, notices, issuer, number) is { } notOwn) throw new TierExitRefusedException(notOwn, "documentNumber");

        var today = ChinaTime.Today(time);
        if (input.EffectiveOn is not { } on) throw new TierExitRefusedException("请填写生效日期", "effectiveOn");
        if (on > today) throw new TierExitRefusedException($"生效日期不能晚于今天（{OfficialDocument.FormatDate(today)}）", "effectiveOn");
        var since = TierAdjustmentRules.HeldSince(town.TierHistory.Select(h => (h.Tier, h.EffectiveOn)), town.Tier);
        if (since is { } s && on < s)
            throw new TierExitRefusedException($"生效日期不能早于{OfficialDocument.FormatDate(s)}（{town.Name}{(town.Tier == Tier.Reserve ? "列为储备" : $"认定为{current}专业镇")}之日）", "effectiveOn");

        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length == 0) throw new TierExitRefusedException("请填写调整理由（如连续两年未达到认定标准的年度和条件）", "reason");
        if (reason.Length > ReasonMaxLength) throw new TierExitRefusedException($"调整理由不超过 {ReasonMaxLength} 字（现为 {reason.Length} 字）", "reason");

        var what = Describe(town.Tier, to);
        var change = new TierChange
        {
            Tier = to, StandardId = choice.Item2?.Id, EffectiveOn = on, DocumentNumber = number,
            Note = $"动态调整：{what}（原{(own is null ? "梯次" : "依据")}{own?.Name ?? current}）。理由：{reason}",
        };
        town.Tier = to;
        town.TierHistory.Add(change);
        await db.SaveChangesAsync(ct);
        return change;
    }
}
