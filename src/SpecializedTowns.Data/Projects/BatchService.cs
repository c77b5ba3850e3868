using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Core;

namespace SpecializedTowns.Data.Projects;

public sealed record BatchInput(ProjectStage? Kind, DateOnly? HeldOn, string Title, string? Location, IReadOnlyList<int> ProjectIds);

public sealed record BatchListItem(int Id, ProjectStage Kind, DateOnly HeldOn, string Title, string? Location, string Place,
    IReadOnlyList<(int Id, string Name, decimal TotalInvestmentWanYuan)> Projects);

/// <summary>"三个一批": a batch signs, starts or commissions its projects on the day it is held, all of them or none.</summary>
public sealed class BatchService(TownsDbContext db, TimeProvider time)
{
    private DateOnly Today => ChinaTime.Today(time);

    public async Task<IReadOnlyList<BatchListItem>> ListAsync(UserScope scope, int? year, CancellationToken ct = default)
    {
        var q = ProjectScope.Batches(db, scope).AsNoTracking();
        // A year outside any plausible plan is no filter at all (a hand-edited address must not fail).
        if (year is { } y and >= 2000 and <= 2100) q = q.Where(b => b.HeldOn >= new DateOnly(y, 1, 1) && b.HeldOn <= new DateOnly(y, 12, 31));
        var batches = await q.OrderByDescending(b => b.HeldOn).ThenByDescending(b => b.Id)
            .Select(b => new { b.Id, b.Kind, b.HeldOn, b.Title, b.Location, Place = db.Jurisdictions.Where(j => j.Id == b.JurisdictionId).Select(j => j.Name).First(),
                Projects = b.Items.Select(i => i.ProjectId).ToList() })
            .ToListAsync(ct);
        // Only the projects the person may see are named; a city's batch may hold other counties' projects.
        var ids = batches.SelectMany(b => b.Projects).Distinct().ToList();
        var visible = await ProjectScope.Projects(db, scope).AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.TotalInvestmentWanYuan }).ToDictionaryAsync(p => p.Id, ct);
        return batches.Select(b => new BatchListItem(b.Id, b.Kind, b.HeldOn, b.Title, b.Location, b.Place,
            b.Projects.Where(visible.ContainsKey).Select(id => (id, visible[id].Name, visible[id].TotalInvestmentWanYuan)).ToList())).ToList();
    }

    public async Task<(int? Id, FieldErrors Errors)> CreateAsync(UserScope scope, string userName, BatchInput input, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (!ProjectService.CanManage(scope)) { errors.Forbidden("“三个一批”活动由领导小组办公室登记"); return (null, errors); }
        if (input.Kind is not { } kind || !ProjectBatch.Kinds.Contains(kind)) errors[nameof(input.Kind)] = "请选择集中签约、集中开工或集中投产";
        if (input.HeldOn is not { } held) errors[nameof(input.HeldOn)] = "请填写活动日期";
        else if (held > Today) errors[nameof(input.HeldOn)] = "活动日期不能晚于今天：活动举行后再登记";
        else if (held.Year < 2000) errors[nameof(input.HeldOn)] = "活动日期不合理";
        var title = input.Title.Trim();
        if (title.Length == 0) errors[nameof(input.Title)] = "请填写活动名称";
        else if (title.Length > ProjectLimits.Name) errors[nameof(input.Title)] = $"活动名称不超过 {ProjectLimits.Name} 字";
        if (input.Location?.Trim().Length > ProjectLimits.Name) errors[nameof(input.Location)] = $"地点不超过 {ProjectLimits.Name} 字";
        var ids = input.ProjectIds.Distinct().ToList();
        if (ids.Count == 0) errors[nameof(input.ProjectIds)] = "请至少选择一个项目";
        var projects = await ProjectScope.Projects(db, scope).Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        if (projects.Count != ids.Count) errors[nameof(input.ProjectIds)] = "所选项目中有不在您数据范围内的";
        // The office's own jurisdiction, not the one the top bar narrows the view to: a province office looking at 运城市 still
        // registers the province's batch, never the city's (as UserScope.HomeCovers/IsOfficeOf keep rights to the home path).
        var jurisdiction = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Path == scope.HomePath, ct);
        if (!errors.Ok) return (null, errors);

        // Each project either reaches the batch's stage on its date, or has reached it already; one refusal refuses all.
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var p in projects.Where(p => p.Stage < input.Kind!.Value))
        {
            try { p.Advance(input.Kind!.Value, input.HeldOn!.Value, Today, scope.UserId, userName, title, now); }
            catch (ProjectRuleException ex) { errors[nameof(input.ProjectIds)] = $"{p.Name}：{ex.Message}"; return (null, errors); }
        }
        // A batch belongs where its projects are: their county when they share one (so a city or province office's
        // registration is not shown to every county), else the registering office's own (home) jurisdiction.
        var counties = projects.Select(p => p.CountyId).Distinct().ToList();
        var batch = new ProjectBatch
        {
            JurisdictionId = counties.Count == 1 ? counties[0] : jurisdiction.Level == JurisdictionLevel.Township ? jurisdiction.ParentId!.Value : jurisdiction.Id,
            Kind = input.Kind!.Value, HeldOn = input.HeldOn!.Value, Title = title,
            Location = string.IsNullOrWhiteSpace(input.Location) ? null : input.Location.Trim(),
            Items = ids.Select(id => new ProjectBatchItem { ProjectId = id }).ToList(),
        };
        db.ProjectBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        return (batch.Id, errors);
    }
}
