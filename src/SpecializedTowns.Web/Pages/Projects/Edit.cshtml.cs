using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Projects;

public sealed class EditModel(TownsDbContext db, ProjectService service) : PageModel
{
    public sealed class Form
    {
        public string? Name { get; set; }
        public int? TownId { get; set; }
        public int? OwnerEnterpriseId { get; set; }
        public string? OwnerName { get; set; }
        [Display(Name = "建设性质")] public ProjectKind? Kind { get; set; }
        [Display(Name = "项目类别")] public ProjectRole? Role { get; set; }
        public string? Description { get; set; }
        public decimal? TotalInvestmentWanYuan { get; set; }
        public decimal? AnnualPlannedInvestmentWanYuan { get; set; }
        public int? PlanYear { get; set; }
        public int? ResponsibleUnitId { get; set; }
        public string? ResponsibleLeader { get; set; }
        public DateOnly? PlannedSignedOn { get; set; }
        public DateOnly? PlannedStartOn { get; set; }
        public DateOnly? PlannedProductionOn { get; set; }
        public DateOnly? PlannedTargetOn { get; set; }
        public int? Version { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public string? Error { get; private set; }
    /// <summary>Somebody else saved the project after this form was loaded: the message says who, and links to what they saved.</summary>
    public bool Conflict { get; private set; }
    public IReadOnlyList<(int Id, string Name, string County)> Towns { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name, string Town)> Enterprises { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name, string Place)> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? townId, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!ProjectService.CanManage(scope)) return Forbid();
        Id = id;
        if (id is { } editId)
        {
            var p = await service.Visible(scope).AsNoTracking().SingleOrDefaultAsync(x => x.Id == editId, ct);
            if (p is null) return NotFound();
            Input = new Form
            {
                Name = p.Name, TownId = p.SpecializedTownId, OwnerEnterpriseId = p.OwnerEnterpriseId, OwnerName = p.OwnerEnterpriseId is null ? p.OwnerName : null,
                Kind = p.Kind, Role = p.Role, Description = p.Description, TotalInvestmentWanYuan = Quantity.Normalize(p.TotalInvestmentWanYuan),
                AnnualPlannedInvestmentWanYuan = Quantity.Normalize(p.AnnualPlannedInvestmentWanYuan), PlanYear = p.PlanYear, ResponsibleUnitId = p.ResponsibleUnitId,
                ResponsibleLeader = p.ResponsibleLeader, PlannedSignedOn = p.PlannedSignedOn, PlannedStartOn = p.PlannedStartOn,
                PlannedProductionOn = p.PlannedProductionOn, PlannedTargetOn = p.PlannedTargetOn, Version = p.Version,
            };
        }
        else Input = new Form { TownId = townId, PlanYear = service.Today.Year };
        await LoadAsync(scope, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!ProjectService.CanManage(scope)) return Forbid();
        Id = id;
        // Typed numbers and dates that do not parse are reported by model binding in Chinese; keep what was typed.
        if (!ModelState.IsValid) { await LoadAsync(scope, ct); return Page(); }
        try
        {
            var (saved, errors) = await service.SaveAsync(scope, id, new ProjectInput
            {
                Name = Input.Name ?? "", TownId = Input.TownId, OwnerEnterpriseId = Input.OwnerEnterpriseId, OwnerName = Input.OwnerName,
                Kind = Input.Kind, Role = Input.Role, Description = Input.Description, TotalInvestmentWanYuan = Input.TotalInvestmentWanYuan,
                AnnualPlannedInvestmentWanYuan = Input.AnnualPlannedInvestmentWanYuan, PlanYear = Input.PlanYear, ResponsibleUnitId = Input.ResponsibleUnitId,
                ResponsibleLeader = Input.ResponsibleLeader, PlannedSignedOn = Input.PlannedSignedOn, PlannedStartOn = Input.PlannedStartOn,
                PlannedProductionOn = Input.PlannedProductionOn, PlannedTargetOn = Input.PlannedTargetOn, Version = Input.Version,
            }, ct);
            if (saved is not null)
            {
                TempData["Saved"] = id is null ? "项目已登记。" : "项目已保存。";
                return Redirect($"/Projects/Detail/{saved}");
            }
            Error = ModelState.Show(errors, nameof(Input));
        }
        catch (ProjectNotFoundException) { return NotFound(); }
        catch (EditConflictException conflict)
        {
            // What was typed stays in the form; the next save, made knowingly against the version now saved, goes through.
            Error = conflict.Message;
            Conflict = conflict.CurrentVersion is not null;
            Input.Version = conflict.CurrentVersion;
        }
        await LoadAsync(scope, ct);
        return Page();
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct)
    {
        Towns = await ProjectPages.TownsAsync(db, scope, ct, Input.TownId);
        Enterprises = (await scope.Enterprises(db).AsNoTracking().Where(e => e.SpecializedTownId != null)
            .OrderBy(e => e.SpecializedTownId).ThenBy(e => e.Name).Select(e => new { e.Id, e.Name, Town = db.Towns.Where(t => t.Id == e.SpecializedTownId).Select(t => t.Name).First() })
            .ToListAsync(ct)).Select(e => (e.Id, e.Name, e.Town)).ToList();
        Units = await ProjectPages.UnitsAsync(db, scope, ct);
    }
}

/// <summary>What the project and lead forms share: the towns and units a person may name.</summary>
public static class ProjectPages
{
    /// <summary>The towns in the person's scope, by county, for a grouped select.</summary>
    /// <summary>The towns new work may name: those on the 名录, and <paramref name="keep"/>, the one a record already names (decision 0024).</summary>
    public static async Task<IReadOnlyList<(int Id, string Name, string County)>> TownsAsync(TownsDbContext db, UserScope scope, CancellationToken ct, int? keep = null) =>
        (await scope.Towns(db).AsNoTracking().Where(t => t.Tier != Core.Towns.Tier.Delisted || t.Id == keep).OrderByCounty(t => t.County).ThenBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, County = t.County!.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name, t.County)).ToList();


    public static async Task<IReadOnlyList<(int Id, string Name, string Place)>> UnitsAsync(TownsDbContext db, UserScope scope, CancellationToken ct)
    {
        var (path, under, all) = (scope.JurisdictionPath, scope.JurisdictionPath + "/", scope.IsAdmin);
        var rows = await db.Units.AsNoTracking()
            .Where(u => all || u.Jurisdiction!.Path == path || u.Jurisdiction.Path.StartsWith(under) || path.StartsWith(u.Jurisdiction.Path + "/"))
            .OrderByPlace(u => u.Jurisdiction).ThenBy(u => u.Name).Select(u => new { u.Id, u.Name, Place = u.Jurisdiction!.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name, r.Place)).ToList();
    }
}
