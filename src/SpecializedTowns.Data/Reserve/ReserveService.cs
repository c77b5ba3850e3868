using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Clusters;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data.Accounts;

namespace SpecializedTowns.Data.Reserve;

public sealed record ReserveResult(int TownId, string TownName, int PlanId, int Tasks, int EnterprisesAttached, int PlanYear = 0, string LeadUnit = "");

/// <summary>
/// The 培育方案's year and 牵头单位 as the office chose them; null takes the default (<see cref="ReserveService.DefaultPlanYear"/>,
/// and the office's own unit or the unit the document seats the leading-group office in).
/// </summary>
public sealed record ReservePlanChoice(int? Year = null, int? LeadUnitId = null);

/// <summary>A refused step, in words for the person: out of scope, wrong role, or the pair cannot be put on the list.</summary>
public sealed class ReserveRefusedException(string message, bool notFound = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}

/// <summary>
/// 列入储备 in one step (朔政办发〔2023〕19号 三（一）“省级+市级+储备”; 永济 五（三）“其他镇（街道）……制定出台培育方案”):
/// a specialized town at 储备 in the township for the industry, its enterprises that belong to no town attached to it,
/// the year's figures from their statistics, and a 培育方案 — an action plan of the town whose tasks are the criteria of
/// the target standard not yet met, each with its target value. All in one transaction; every row goes through the
/// audit trail. Only an office of the township's county or above (or the administrator) may do it.
/// </summary>
public static class ReserveService
{
    public static bool CanReserve(UserScope scope) => scope.Role is Roles.Admin or Roles.Office;

    /// <summary>
    /// A plan made with less than a quarter of the year left (from October) is for next year: tasks due on 31 December
    /// a few weeks away could only be missed. Earlier in the year it is for the year under way.
    /// </summary>
    public static int DefaultPlanYear(DateOnly today) => today.Month >= 10 ? today.Year + 1 : today.Year;

    /// <summary>
    /// The unit that leads the plan's tasks unless the office picks another: the unit the county's document seats its
    /// leading-group office in (垣曲: 县工科局), the county's own before a city's of the same name; else the office's own unit.
    /// </summary>
    public static async Task<int?> DefaultLeadUnitAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, string countyPath, CancellationToken ct = default)
    {
        var units = await Units.UnitRegistry.ForPathAsync(db, countyPath, ct);
        var location = catalog.PackGoverning(countyPath)?.Mechanisms.LeadingGroup?.Office?.Location?.Trim();
        // The document's name for the seat, renamed or merged since, still finds it (UnitLookup).
        if (location is not null && (await Units.UnitLookup.LoadAsync(db, [countyPath], ct, [location])).Find(countyPath, location) is { } seat) return seat.Id;
        return scope.UnitId is { } own && units.Any(u => u.Id == own) ? own : null;
    }

    public static async Task<ReserveResult> AddAsync(TownsDbContext db, PolicyCatalog catalog, UserScope scope, string userName,
        int townshipId, string? industry, int year, TimeProvider time, CancellationToken ct = default, ClusterYears? years = null, ReservePlanChoice? choice = null)
    {
        var key = ClusterMap.Key(industry);
        var township = await db.Jurisdictions.AsNoTracking().SingleOrDefaultAsync(j => j.Id == townshipId && j.Level == JurisdictionLevel.Township, ct);
        var county = township?.ParentId is { } countyId ? await db.Jurisdictions.AsNoTracking().SingleOrDefaultAsync(j => j.Id == countyId, ct) : null;
        if (township is null || county is null || !scope.Covers(county.Path) && !scope.Covers(township.Path))
            throw new ReserveRefusedException("乡镇不存在，或不在您的数据范围内", notFound: true);
        // An office of the county or above: a township's own staff cannot put their township on the county's list.
        if (!CanReserve(scope) || !scope.Covers(county.Path))
            throw new ReserveRefusedException("只有本县（市、区）或上级的领导小组办公室可以列入储备");
        if (key.Length == 0) throw new ReserveRefusedException("请选择产业");

        // The year as the page showed it when nothing has changed since (kept by the web process), else added up again.
        var province = ClusterQueries.ProvinceOf(county.Path);
        var cells = years is null ? await ClusterQueries.CellsAsync(db, year, province, ct) : (await years.GetAsync(db, year, province, ct)).Cells;
        var cell = cells.FirstOrDefault(c => c.TownshipId == townshipId && c.Industry == key)
            ?? throw new ReserveRefusedException($"{township.Name}{year}年没有“{key}”产业的企业统计，不能列入储备");
        if ((await ClusterQueries.TownsByPairAsync(db, ct)).TryGetValue((townshipId, key), out var existing))
            throw AlreadyListed(township.Name, key, existing);
        if (cell.Category is null)
            throw new ReserveRefusedException($"{township.Name}“{key}”产业的企业都未填写产业领域（制造业、特优农业等），请先在企业名录中补充");
        var name = $"{township.Name}{key}专业镇";
        if (await db.Towns.AnyAsync(t => t.Name == name && t.CountyId == county.Id, ct))
        {
            // Someone else may have listed this very pair since the check above; then that is what the person is told.
            if ((await ClusterQueries.TownsByPairAsync(db, ct)).TryGetValue((townshipId, key), out var listed))
                throw AlreadyListed(township.Name, key, listed);
            throw new ReserveRefusedException($"{county.Name}已有名为“{name}”的专业镇");
        }

        var target = ClusterQueries.TargetFor(catalog, county.Path);
        var pack = catalog.PackGoverning(county.Path) ?? (target is null ? null : catalog.FindPack(target.Standard.PackId));
        if (pack is null) throw new ReserveRefusedException($"{county.Name}没有适用的政策文件，无法制定培育方案");

        var candidate = ReserveCandidates.Check(cell, target);
        var today = TaskLights.ChinaToday(time.GetUtcNow());
        var now = time.GetUtcNow().UtcDateTime;

        var planYear = choice?.Year ?? DefaultPlanYear(today);
        if (planYear != today.Year && planYear != today.Year + 1)
            throw new ReserveRefusedException($"培育方案年度应为 {today.Year} 年或 {today.Year + 1} 年");
        var countyUnits = await Units.UnitRegistry.ForPathAsync(db, county.Path, ct);
        var leadUnitId = choice?.LeadUnitId ?? await DefaultLeadUnitAsync(db, catalog, scope, county.Path, ct);
        if (leadUnitId is null) throw new ReserveRefusedException("请选择培育方案的牵头单位");
        if (countyUnits.All(u => u.Id != leadUnitId)) throw new ReserveRefusedException($"所选牵头单位不是{county.Name}或其上级的单位");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var town = new SpecializedTown
            {
                Name = name,
                CountyId = county.Id,
                Category = cell.Category,
                LeadingIndustry = key,
                Tier = Tier.Reserve,
                PolicyId = pack.Id,
                Townships = [new TownTownship { TownshipId = township.Id }],
                TierHistory = [new TierChange
                {
                    Tier = Tier.Reserve, EffectiveOn = today,
                    Note = $"储备培育：由{year}年产业集聚分析列入（对县区位熵 {Lq(cell.OutputLq.County)}，{cell.Enterprises} 家企业）",
                }],
                // The year's figures are the sums of its enterprises' statistics; market shares stay for the office to add.
                Statistics = [new TownAnnualStatistics
                {
                    Year = year, OutputValueWanYuan = cell.OutputWanYuan, Employment = cell.Employment,
                    LeadingEnterprises = cell.LeadingEnterprises, SupportingEnterprises = cell.Enterprises - cell.LeadingEnterprises,
                }],
            };
            db.Towns.Add(town);
            await db.SaveChangesAsync(ct);

            var loose = await db.Enterprises.Where(e => e.TownshipId == township.Id && e.SpecializedTownId == null && e.Industry != null).ToListAsync(ct);
            var attached = 0;
            foreach (var e in loose.Where(e => ClusterMap.Key(e.Industry) == key))
            {
                e.SpecializedTownId = town.Id;
                attached++;
            }

            var plan = new ActionPlan
            {
                Year = planYear, PolicyId = pack.Id, JurisdictionId = county.Id, SpecializedTown = town,
                Title = $"{name}培育方案（{planYear}年）",
                CreatedAtUtc = now, CreatedByUserId = scope.UserId, CreatedBy = userName,
            };
            var group = new TaskGroup
            {
                Title = target is null ? "培育任务" : $"对照{target.Standard.Name}补齐差距", SortOrder = 1,
            };
            var deadline = new DateOnly(planYear, 12, 31);
            var tasks = candidate.Check is { } check && target is not null
                ? CultivationPlan.TasksFrom(target, candidate.Facts!, check)
                : [];
            if (tasks.Count == 0)
                tasks = [new CultivationTask("apply", target is null ? "明确培育方向和认定标准" : $"准备申报{Tiers.Chinese(target.Tier)}专业镇认定", target?.Standard.Citation,
                    target is null ? "所在地尚无可对照的认定标准，请办公室明确培育方向。" : "现有统计已达到各项量化指标，其余条件需专家评审，可着手准备申报材料。", null, null, null)];
            foreach (var t in tasks)
                group.Tasks.Add(new PlanTask
                {
                    Plan = plan, Number = (group.Tasks.Count + 1).ToString(), Title = Clip(t.Title, PlanTask.MaxTitle), Source = t.Source,
                    Measures = Clip(t.Measures, PlanTask.MaxText), TargetValue = t.TargetValue, TargetUnit = t.TargetUnit, CurrentValue = t.CurrentValue,
                    Deadline = deadline, OriginalDeadline = deadline, SortOrder = group.Tasks.Count + 1,
                    // A task with no unit is nobody's: no member unit sees it or is reminded of it.
                    Units = [new TaskUnit { UnitId = leadUnitId.Value, Role = UnitRole.Lead, SortOrder = 1 }],
                });
            plan.Groups.Add(group);
            db.ActionPlans.Add(plan);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new ReserveResult(town.Id, town.Name, plan.Id, group.Tasks.Count, attached, planYear, countyUnits.First(u => u.Id == leadUnitId).Name);
        }
        catch (Exception ex) when (DatabaseErrors.IsUniqueViolation(ex) || DatabaseErrors.IsDeadlock(ex))
        {
            // Two people (or two clicks) listing the same pair at once: the other got in first and nothing of this was written.
            db.ChangeTracker.Clear();
            throw new ReserveRefusedException($"{township.Name}的“{key}”产业刚刚已由他人列入储备（“{name}”），无需重复列入");
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private static ReserveRefusedException AlreadyListed(string township, string key, ClusterQueries.TownRef town) =>
        new($"{township}的“{key}”产业已是{Tiers.Chinese(town.Tier)}专业镇“{town.Name}”，无需重复列入");

    private static string Lq(decimal? value) => value is { } v ? v.ToString("0.00") : "无法计算";

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
