using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Projects;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Leads;

/// <summary>
/// Landing a signed lead: the office gives the key project's owner, the year's planned investment and the planned 开工 date
/// here, so that the project the lead becomes is watched from its first day rather than sitting green with a blank plan.
/// </summary>
public sealed class LandModel(LeadService service, ProjectService projects) : PageModel
{
    public sealed class Form
    {
        public DateOnly? On { get; set; }
        public string? OwnerName { get; set; }
        public decimal? AnnualPlannedInvestmentWanYuan { get; set; }
        public DateOnly? PlannedStartOn { get; set; }
        public DateOnly? PlannedProductionOn { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public InvestmentLead Lead { get; private set; } = null!;
    public string? Error { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Input = new Form { On = Today, OwnerName = Lead.TargetEnterprise };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var unreadable = ModelState.Where(e => e.Key.StartsWith("Input.", StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 }).Select(e => e.Key).ToList();
        foreach (var key in unreadable)
        {
            ModelState[key]!.Errors.Clear();
            ModelState.AddModelError(key, key.EndsWith("WanYuan", StringComparison.Ordinal) ? "请填写数字（万元）" : "请填写正确的日期");
        }
        if (unreadable.Count > 0) return Page();
        try
        {
            var (project, errors) = await service.LandAsync(UserScope.From(User)!, id, new LandingInput
            {
                On = Input.On, OwnerName = Input.OwnerName, AnnualPlannedInvestmentWanYuan = Input.AnnualPlannedInvestmentWanYuan,
                PlannedStartOn = Input.PlannedStartOn, PlannedProductionOn = Input.PlannedProductionOn,
            }, ct);
            if (project is { } projectId)
            {
                TempData["Saved"] = $"项目已于{Display.Date(Input.On!.Value)}落地，转入重点项目库。";
                return Redirect($"/Projects/Detail/{projectId}");
            }
            Error = ModelState.Show(errors, nameof(Input));
        }
        catch (ProjectNotFoundException) { return NotFound(); }
        catch (ProjectRuleException ex) { Error = ex.Message; }
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!ProjectService.CanManage(scope)) return Forbid();
        var lead = await service.Visible(scope).AsNoTracking().Include(l => l.Town).SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return NotFound();
        Lead = lead;
        Today = projects.Today;
        return null;
    }
}
