using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Towns;
using SpecializedTowns.Data.Units;
using SpecializedTowns.Core;

namespace SpecializedTowns.Data.Projects;

public sealed class ProjectNotFoundException() : Exception("项目不存在，或不在您的数据范围内");

public sealed record ProjectInput
{
    public string Name { get; init; } = "";
    public int? TownId { get; init; }
    public int? OwnerEnterpriseId { get; init; }
    public string? OwnerName { get; init; }
    public ProjectKind? Kind { get; init; }
    public ProjectRole? Role { get; init; }
    public string? Description { get; init; }
    public decimal? TotalInvestmentWanYuan { get; init; }
    public decimal? AnnualPlannedInvestmentWanYuan { get; init; }
    public int? PlanYear { get; init; }
    public int? ResponsibleUnitId { get; init; }
    public string? ResponsibleLeader { get; init; }
    public DateOnly? PlannedSignedOn { get; init; }
    public DateOnly? PlannedStartOn { get; init; }
    public DateOnly? PlannedProductionOn { get; init; }
    public DateOnly? PlannedTargetOn { get; init; }

    /// <summary>The version the form or API body was loaded at (<see cref="Core.IVersioned"/>); null saves without the check.</summary>
    public int? Version { get; init; }
}

public sealed record ProgressInput
{
    public int Year { get; init; }
    public int Month { get; init; }
    public decimal? InvestmentCompletedWanYuan { get; init; }
    public string PhysicalProgress { get; init; } = "";
    public string? Difficulties { get; init; }
}

/// <summary>
/// The key-project library's use cases for pages and API alike. Offices enter projects and record their stages;
/// the responsible unit, the town's own staff and the office report monthly progress; every write is checked
/// against the person's scope first, and out-of-scope ids are "not found".
/// </summary>
public sealed class ProjectService(TownsDbContext db, TimeProvider time)
{
    public DateOnly Today => ChinaTime.Today(time);

    public static bool CanManage(UserScope scope) => scope.Role is Roles.Admin or Roles.Office;

    /// <summary>Monthly progress comes from the responsible unit, the town's own staff or the office.</summary>
    public static bool CanReport(UserScope scope, KeyProject project) =>
        CanManage(scope) || scope.Role == Roles.Township
        || scope.Role == Roles.MemberUnit && scope.UnitId is { } unit && project.ResponsibleUnitId == unit;

    public static bool CanUpdateGuarantee(UserScope scope, ElementGuarantee guarantee) =>
        CanManage(scope) || scope.Role == Roles.MemberUnit && scope.UnitId is { } unit && guarantee.UnitId == unit;

    public IQueryable<KeyProject> Visible(UserScope scope) => ProjectScope.Projects(db, scope);

    public async Task<KeyProject> FindAsync(UserScope scope, int id, CancellationToken ct = default) =>
        await Visible(scope).Include(p => p.Guarantees).Include(p => p.StageChanges).SingleOrDefaultAsync(p => p.Id == id, ct)
        ?? throw new ProjectNotFoundException();

    public async Task<(int? Id, FieldErrors Errors)> SaveAsync(UserScope scope, int? id, ProjectInput input, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!CanManage(scope)) { errors.Forbidden("您的角色不能登记或修改重点项目"); return (null, errors); }
        KeyProject? project = null;
        if (id is { } editId)
        {
            project = await Visible(scope).SingleOrDefaultAsync(p => p.Id == editId, ct);
            if (project is null) throw new ProjectNotFoundException();
        }

        var name = input.Name.Trim();
        if (name.Length == 0) errors[nameof(input.Name)] = "请填写项目名称";
        else if (name.Length > ProjectLimits.Name) errors[nameof(input.Name)] = $"项目名称不超过 {ProjectLimits.Name} 字";

        var town = input.TownId is { } townId
            ? await scope.Towns(db).AsNoTracking().Include(t => t.County).SingleOrDefaultAsync(t => t.Id == townId, ct) : null;
        if (town is null) errors[nameof(input.TownId)] = input.TownId is null ? "请选择所属专业镇" : "所选专业镇不在您的数据范围内";
        else if (await global::SpecializedTowns.Data.Towns.DelistedTowns.RefusalAsync(db, town.Id, "重点项目", project?.SpecializedTownId, ct) is { } offList) errors[nameof(input.TownId)] = offList;

        string? ownerName = input.OwnerName?.Trim();
        if (input.OwnerEnterpriseId is { } enterpriseId)
        {
            var enterprise = await scope.Enterprises(db).AsNoTracking().SingleOrDefaultAsync(e => e.Id == enterpriseId, ct);
            if (enterprise is null) errors[nameof(input.OwnerEnterpriseId)] = "所选企业不在您的数据范围内";
            else if (town is not null && enterprise.CountyId != town.CountyId) errors[nameof(input.OwnerEnterpriseId)] = "业主企业应在专业镇所在县";
            else ownerName = enterprise.Name;
        }
        if (string.IsNullOrEmpty(ownerName)) errors[nameof(input.OwnerName)] = "请选择业主企业，或填写尚未入库的投资方名称";
        else if (ownerName.Length > ProjectLimits.Name) errors[nameof(input.OwnerName)] = $"业主名称不超过 {ProjectLimits.Name} 字";

        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) errors[nameof(input.Kind)] = "请选择建设性质（新建、扩建、技改）";
        if (input.Role is not { } role || !Enum.IsDefined(role)) errors[nameof(input.Role)] = "请选择项目类别（标志性引领性或补短板强弱项）";
        if (input.Description?.Trim().Length > ProjectLimits.Text) errors[nameof(input.Description)] = $"建设内容不超过 {ProjectLimits.Text} 字";
        if (input.TotalInvestmentWanYuan is not { } total || total <= 0) errors[nameof(input.TotalInvestmentWanYuan)] = "请填写总投资（万元，大于 0）";
        else if (total > 100_000_000) errors[nameof(input.TotalInvestmentWanYuan)] = "总投资超出合理范围，请核对单位是否为万元";
        if (input.AnnualPlannedInvestmentWanYuan is { } annual && (annual < 0 || input.TotalInvestmentWanYuan is { } t && annual > t))
            errors[nameof(input.AnnualPlannedInvestmentWanYuan)] = "年度计划投资应在 0 到总投资之间";
        var today = Today;
        if (input.PlanYear is not { } year || year < 2000 || year > today.Year + 5) errors[nameof(input.PlanYear)] = $"计划年度应在 2000 到 {today.Year + 5} 之间";
        if (input.ResponsibleLeader?.Trim().Length > 60) errors[nameof(input.ResponsibleLeader)] = "包联领导不超过 60 字";
        if (input.ResponsibleUnitId is { } unitId && town?.County is { } county
            && (await UnitRegistry.ForPathAsync(db, county.Path, ct)).All(u => u.Id != unitId))
            errors[nameof(input.ResponsibleUnitId)] = "所选责任单位不在项目所在县或其上级";

        DateOnly? last = null; string? lastName = null;
        foreach (var (field, label, date) in new[]
        {
            (nameof(input.PlannedSignedOn), "签约", input.PlannedSignedOn), (nameof(input.PlannedStartOn), "开工", input.PlannedStartOn),
            (nameof(input.PlannedProductionOn), "投产", input.PlannedProductionOn), (nameof(input.PlannedTargetOn), "达效", input.PlannedTargetOn),
        })
        {
            if (date is not { } d) continue;
            if (d.Year < 2000 || d.Year > today.Year + 20) errors[field] = $"计划{label}日期不合理";
            else if (last is { } l && d < l) errors[field] = $"计划{label}日期不能早于计划{lastName}日期";
            last = d; lastName = label;
        }
        if (!errors.Ok) return (null, errors);

        var now = time.GetUtcNow().UtcDateTime;
        if (project is not null) await EditConflicts.GuardAsync(db, project, input.Version, ct);
        if (project is null)
        {
            project = new KeyProject { CreatedAtUtc = now, Stage = ProjectStage.Planning };
            // Every project is followed on the four guarantees the documents name; the office marks what does not apply.
            foreach (var k in GuaranteeTerms.Kinds)
                project.Guarantees.Add(new ElementGuarantee { Kind = k, Status = GuaranteeStatus.Pending, UnitId = input.ResponsibleUnitId, UpdatedAtUtc = now });
            db.Projects.Add(project);
        }
        project.Name = name;
        project.SpecializedTownId = town!.Id;
        project.CountyId = town.CountyId;
        project.OwnerEnterpriseId = input.OwnerEnterpriseId;
        project.OwnerName = ownerName!;
        project.Kind = input.Kind!.Value;
        project.Role = input.Role!.Value;
        project.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        project.TotalInvestmentWanYuan = input.TotalInvestmentWanYuan!.Value;
        project.AnnualPlannedInvestmentWanYuan = input.AnnualPlannedInvestmentWanYuan ?? 0;
        project.PlanYear = input.PlanYear!.Value;
        project.ResponsibleUnitId = input.ResponsibleUnitId;
        project.ResponsibleLeader = string.IsNullOrWhiteSpace(input.ResponsibleLeader) ? null : input.ResponsibleLeader.Trim();
        project.PlannedSignedOn = input.PlannedSignedOn;
        project.PlannedStartOn = input.PlannedStartOn;
        project.PlannedProductionOn = input.PlannedProductionOn;
        project.PlannedTargetOn = input.PlannedTargetOn;
        await EditConflicts.SaveAsync(db, project, ct);
        return (project.Id, errors);
    }

    public async Task AdvanceAsync(UserScope scope, string userName, int id, ProjectStage stage, DateOnly on, string? note, CancellationToken ct = default)
    {
        var project = await FindAsync(scope, id, ct);
        if (!CanManage(scope)) throw new ProjectRuleException("项目阶段由领导小组办公室确认") { Kind = RefusalKind.Forbidden };
        if (note?.Trim().Length > ProjectLimits.Note) throw new ProjectRuleException($"说明不超过 {ProjectLimits.Note} 字", "note");
        project.Advance(stage, on, Today, scope.UserId, userName, note, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Enters or corrects a month's progress (one row per project and month).</summary>
    public async Task<FieldErrors> ReportAsync(UserScope scope, string userName, int id, ProgressInput input, CancellationToken ct = default)
    {
        var project = await FindAsync(scope, id, ct);
        var errors = new FieldErrors();
        if (!CanReport(scope, project)) { errors.Forbidden("只有责任单位、所在乡镇或领导小组办公室可以填报此项目的进展"); return errors; }
        var today = Today;
        var earliest = project.EarliestRecordDate;
        if (input.Year < earliest.Year) errors[nameof(input.Month)] = $"进展月份不能早于 {earliest.Year}年1月（项目计划年度、入库年份和计划日期中最早的一年）";
        else if (input.Year > today.Year) errors[nameof(input.Month)] = "不能填报未来月份的进展";
        else if (input.Month is < 1 or > 12) errors[nameof(input.Month)] = "月份应为 1 到 12";
        else if (new DateOnly(input.Year, input.Month, 1) > new DateOnly(today.Year, today.Month, 1))
            errors[nameof(input.Month)] = "不能填报未来月份的进展";
        if (input.InvestmentCompletedWanYuan is not { } amount || amount < 0) errors[nameof(input.InvestmentCompletedWanYuan)] = "请填写当月完成投资（万元，不小于 0）";
        else if (amount > project.TotalInvestmentWanYuan) errors[nameof(input.InvestmentCompletedWanYuan)] = "当月完成投资超过了项目总投资，请核对单位是否为万元";
        else
        {
            // What the project has completed cannot pass what it costs: a correction of a month replaces that month's figure.
            // A project's months are few: summed here, as SQLite cannot sum decimals.
            var others = (await db.ProjectProgress.Where(p => p.ProjectId == id && !(p.Year == input.Year && p.Month == input.Month))
                .Select(p => p.InvestmentCompletedWanYuan).ToListAsync(ct)).Sum();
            if (others + amount > project.TotalInvestmentWanYuan)
                errors[nameof(input.InvestmentCompletedWanYuan)] =
                    $"累计完成投资将达 {Quantity.WanYuan(others + amount)}，超过项目总投资 {Quantity.WanYuan(project.TotalInvestmentWanYuan)}"
                    + $"（其他月份已完成 {Quantity.WanYuan(others)}，本月最多 {Quantity.WanYuan(Math.Max(0, project.TotalInvestmentWanYuan - others))}）；总投资已调增的，请先在“编辑”中修改总投资";
        }
        if (string.IsNullOrWhiteSpace(input.PhysicalProgress)) errors[nameof(input.PhysicalProgress)] = "请填写形象进度";
        else if (input.PhysicalProgress.Trim().Length > ProjectLimits.Text) errors[nameof(input.PhysicalProgress)] = $"形象进度不超过 {ProjectLimits.Text} 字";
        if (input.Difficulties?.Trim().Length > ProjectLimits.Text) errors[nameof(input.Difficulties)] = $"困难问题不超过 {ProjectLimits.Text} 字";
        if (!errors.Ok) return errors;

        var row = await db.ProjectProgress.SingleOrDefaultAsync(p => p.ProjectId == id && p.Year == input.Year && p.Month == input.Month, ct);
        if (row is null) db.ProjectProgress.Add(row = new ProjectProgress { ProjectId = id, Year = input.Year, Month = input.Month });
        row.InvestmentCompletedWanYuan = input.InvestmentCompletedWanYuan!.Value;
        row.PhysicalProgress = input.PhysicalProgress.Trim();
        row.Difficulties = string.IsNullOrWhiteSpace(input.Difficulties) ? null : input.Difficulties.Trim();
        row.ReportedByUserId = scope.UserId;
        row.ReportedBy = userName;
        row.ReportedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return errors;
    }

    public async Task UpdateGuaranteeAsync(UserScope scope, int id, GuaranteeKind kind, GuaranteeStatus status, int? unitId, string? note, CancellationToken ct = default)
    {
        var project = await FindAsync(scope, id, ct);
        var guarantee = project.Guarantees.SingleOrDefault(g => g.Kind == kind) ?? throw new ProjectRuleException("没有这项要素保障");
        if (!CanUpdateGuarantee(scope, guarantee)) throw new ProjectRuleException($"{GuaranteeTerms.Chinese(kind)}保障由其责任单位或领导小组办公室更新") { Kind = RefusalKind.Forbidden };
        if (!Enum.IsDefined(status)) throw new ProjectRuleException("未知的保障状态", "status");
        if (note?.Trim().Length > ProjectLimits.Note) throw new ProjectRuleException($"说明不超过 {ProjectLimits.Note} 字", "note");
        if (status == GuaranteeStatus.Blocked && string.IsNullOrWhiteSpace(note)) throw new ProjectRuleException("受阻时请说明原因", "note");
        if (unitId != guarantee.UnitId)
        {
            if (!CanManage(scope)) throw new ProjectRuleException("责任单位由领导小组办公室调整") { Kind = RefusalKind.Forbidden };
            var path = await db.Jurisdictions.Where(j => j.Id == project.CountyId).Select(j => j.Path).SingleAsync(ct);
            if (unitId is { } u && (await UnitRegistry.ForPathAsync(db, path, ct)).All(x => x.Id != u))
                throw new ProjectRuleException("所选责任单位不在项目所在县或其上级", "unitId");
            guarantee.UnitId = unitId;
        }
        guarantee.Status = status;
        guarantee.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        guarantee.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }
}
