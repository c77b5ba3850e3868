using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Web.Pages.Projects;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Leads;

public sealed class EditModel(TownsDbContext db, LeadService service, ProjectService projects) : PageModel
{
    public sealed class Form
    {
        public string? Name { get; set; }
        public int? TownId { get; set; }
        public string? TargetEnterprise { get; set; }
        [Display(Name = "产业链")] public ChainLink? ChainLink { get; set; }
        public string? ChainPosition { get; set; }
        [Display(Name = "招商方式")] public LeadChannel? Channel { get; set; }
        public decimal? IntendedInvestmentWanYuan { get; set; }
        public int? ResponsibleUnitId { get; set; }
        public string? Contact { get; set; }
        public string? Notes { get; set; }
        public DateOnly? FirstContactOn { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<(int Id, string Name, string County)> Towns { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name, string Place)> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!ProjectService.CanManage(scope)) return Forbid();
        Id = id;
        if (id is { } editId)
        {
            var l = await service.Visible(scope).AsNoTracking().SingleOrDefaultAsync(x => x.Id == editId, ct);
            if (l is null) return NotFound();
            Input = new Form
            {
                Name = l.Name, TownId = l.SpecializedTownId, TargetEnterprise = l.TargetEnterprise, ChainLink = l.ChainLink, ChainPosition = l.ChainPosition,
                Channel = l.Channel, IntendedInvestmentWanYuan = l.IntendedInvestmentWanYuan, ResponsibleUnitId = l.ResponsibleUnitId, Contact = l.Contact,
                Notes = l.Notes, FirstContactOn = l.FirstContactOn,
            };
        }
        else Input = new Form { FirstContactOn = projects.Today };
        await LoadAsync(scope, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!ProjectService.CanManage(scope)) return Forbid();
        Id = id;
        if (!ModelState.IsValid) { await LoadAsync(scope, ct); return Page(); }
        try
        {
            var (saved, errors) = await service.SaveAsync(scope, id, new LeadInput
            {
                Name = Input.Name ?? "", TownId = Input.TownId, TargetEnterprise = Input.TargetEnterprise ?? "", ChainLink = Input.ChainLink,
                ChainPosition = Input.ChainPosition ?? "", Channel = Input.Channel, IntendedInvestmentWanYuan = Input.IntendedInvestmentWanYuan,
                ResponsibleUnitId = Input.ResponsibleUnitId, Contact = Input.Contact, Notes = Input.Notes, FirstContactOn = Input.FirstContactOn,
            }, ct);
            if (saved is not null) { TempData["Saved"] = id is null ? "招商项目已登记。" : "招商项目已保存。"; return Redirect("/Leads"); }
            Error = ModelState.Show(errors, nameof(Input));
        }
        catch (ProjectNotFoundException) { return NotFound(); }
        await LoadAsync(scope, ct);
        return Page();
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct)
    {
        Towns = await ProjectPages.TownsAsync(db, scope, ct, Input.TownId);
        Units = await ProjectPages.UnitsAsync(db, scope, ct);
    }
}
