using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Documents;

namespace SpecializedTowns.Data.Towns;

/// <summary>What an office records to carry out 动态调整's 建议退出/降级: the tier after it, the 文号, the day it takes effect and why.</summary>
public sealed record TierExitInput(Tier? To, string? DocumentNumber, DateOnly? EffectiveOn, string? Reason);

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

    /// <summary>What the step's note and the pages call the change.</summary>
    public static string Describe(Tier from, Tier to) =>
        to == Tier.Delisted ? (from == Tier.Reserve ? "退出储备，不再列入专业镇名录" : $"退出{Tiers.Chinese(from)}专业镇，不再列入专业镇名录")
        : to == Tier.Reserve ? $"退出{Tiers.Chinese(from)}专业镇，转入储备培育" : $"由{Tiers.Chinese(from)}降为{Tiers.Chinese(to)}专业镇";

    public static async Task<TierChange> RecordAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, int townId, TierExitInput input,
        TimeProvider time, CancellationToken ct = default)
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
        if (input.To is not { } to) throw new TierExitRefusedException("请选择调整后的梯次（转入储备、降为较低梯次或不再列入专业镇名录）", "to");
        if (to >= town.Tier) throw new TierExitRefusedException($"调整后的梯次应低于现梯次（{current}）", "to");
        var choice = Choices(catalog, town.Tier, countyPath).Where(c => c.Tier == to).Select(c => ((Tier, RecognitionStandard?)?)c).FirstOrDefault()
            ?? throw new TierExitRefusedException($"{town.County.Name}没有适用的{Tiers.Chinese(to)}认定标准，不能降为{Tiers.Chinese(to)}；可退出{current}转入储备", "to");

        if (string.IsNullOrWhiteSpace(input.DocumentNumber)) throw new TierExitRefusedException(to == Tier.Delisted ? "不再列入专业镇名录须填写文号" : "退出或降级须填写文号", "documentNumber");
        var number = Core.Documents.DocumentNumber.Written(input.DocumentNumber, out var numberProblem);
        if (numberProblem is not null) throw new TierExitRefusedException(numberProblem, "documentNumber");

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
