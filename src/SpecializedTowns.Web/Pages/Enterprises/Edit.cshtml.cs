using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Accounts;
using SpecializedTowns.Core.Enterprises;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Enterprises;

public sealed class EditModel(TownsDbContext db) : PageModel
{
    public sealed class Form
    {
        public string Name { get; set; } = "";
        public string Uscc { get; set; } = "";
        public int? CountyId { get; set; }
        public int? TownshipId { get; set; }
        public int? SpecializedTownId { get; set; }
        [Display(Name = "企业类型")] public EnterpriseRole? Role { get; set; }
        public bool IsAboveScale { get; set; }
        public List<string> Designations { get; set; } = [];
        public string? Industry { get; set; }
        public string? IndustryCategory { get; set; }
        public int? Version { get; set; }
    }

    public sealed record Option(int Id, string Name, int? ParentId = null);

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<Option> Counties { get; private set; } = [];
    public IReadOnlyList<Option> Townships { get; private set; } = [];
    public IReadOnlyList<Option> Towns { get; private set; } = [];
    public string? Error { get; private set; }
    /// <summary>Somebody else saved the record after this form was loaded: the message says who, and links to what they saved.</summary>
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!EnterpriseRegistry.CanEdit(scope)) return Forbid();
        Id = id;
        if (id is { } editId)
        {
            var e = await scope.Enterprises(db).Include(x => x.Designations).AsNoTracking().SingleOrDefaultAsync(x => x.Id == editId, ct);
            if (e is null) return NotFound();
            Input = new Form
            {
                Name = e.Name, Uscc = e.Uscc, CountyId = e.CountyId, TownshipId = e.TownshipId, SpecializedTownId = e.SpecializedTownId,
                Role = e.Role, IsAboveScale = e.IsAboveScale, Designations = e.Designations.Select(d => d.Key).ToList(),
                Industry = e.Industry, IndustryCategory = e.IndustryCategory, Version = e.Version,
            };
        }
        await LoadOptionsAsync(scope, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!EnterpriseRegistry.CanEdit(scope)) return Forbid();
        Id = id;
        // A field the binder could not read (an option the list did not offer, a word in a number) is named beside it;
        // saving the rest would store it blank, as if nothing had been chosen.
        if (ModelState.Unreadable(nameof(Input)))
        {
            await LoadOptionsAsync(scope, ct);
            return Page();
        }
        FieldErrors errors; int? savedId;
        try
        {
            (savedId, errors) = await EnterpriseRegistry.SaveAsync(db, scope, id, new EnterpriseInput
            {
                Name = Input.Name ?? "", Uscc = Input.Uscc ?? "", CountyId = Input.CountyId, TownshipId = Input.TownshipId,
                SpecializedTownId = Input.SpecializedTownId, Role = Input.Role, IsAboveScale = Input.IsAboveScale, Designations = Input.Designations,
                Industry = Input.Industry, IndustryCategory = Input.IndustryCategory, Version = Input.Version,
            }, ct);
        }
        catch (EditConflictException conflict)
        {
            // What was typed stays in the form; the next save, made knowingly against the version now saved, goes through.
            Error = conflict.Message;
            Conflict = conflict.CurrentVersion is not null;
            Input.Version = conflict.CurrentVersion;
            await LoadOptionsAsync(scope, ct);
            return Page();
        }
        if (savedId is not null)
        {
            TempData["Saved"] = $"已保存“{Input.Name?.Trim()}”";
            return Redirect("/Enterprises?search=" + Uri.EscapeDataString((Input.Uscc ?? "").Trim().ToUpperInvariant()));
        }
        Error = ModelState.Show(errors, nameof(Input));
        if (Error?.Contains("不存在") == true) return NotFound();
        await LoadOptionsAsync(scope, ct);
        return Page();
    }

    /// <summary>htmx: the credit code checked as it is typed.</summary>
    public async Task<IActionResult> OnGetCheckUsccAsync([FromQuery(Name = "Input.Uscc")] string? uscc, int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!EnterpriseRegistry.CanEdit(scope)) return Forbid();
        if (string.IsNullOrWhiteSpace(uscc)) return Content("", "text/html; charset=utf-8");
        var problem = await EnterpriseRegistry.UsccProblemAsync(db, scope, uscc, id, ct);
        var html = problem is null
            ? "<span class=\"text-success small\"><i class=\"bi bi-check-circle\"></i> 代码有效</span>"
            : $"<span class=\"text-danger small\"><i class=\"bi bi-exclamation-circle\"></i> {System.Net.WebUtility.HtmlEncode(problem)}</span>";
        return Content(html, "text/html; charset=utf-8");
    }

    private async Task LoadOptionsAsync(UserScope scope, CancellationToken ct)
    {
        var counties = db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.County);
        if (scope.Role == Roles.Township)
            counties = counties.Where(j => scope.JurisdictionPath.StartsWith(j.Path + "/"));
        else if (!scope.IsAdmin)
        {
            var (path, under) = (scope.JurisdictionPath, scope.JurisdictionPath + "/");
            counties = counties.Where(j => j.Path == path || j.Path.StartsWith(under));
        }
        Counties = await counties.OrderByCounty(j => j).Select(j => new Option(j.Id, j.Name, null)).ToListAsync(ct);
        var countyIds = Counties.Select(c => c.Id).ToList();
        Townships = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentId != null && countyIds.Contains(j.ParentId.Value))
            .OrderByPlace(j => j).Select(j => new Option(j.Id, j.Name, j.ParentId)).ToListAsync(ct);
        // Towns on the 名录, and the one the enterprise already belongs to even if it has since been taken off it (decision 0024).
        var keep = Input.SpecializedTownId;
        Towns = await scope.Towns(db).AsNoTracking().Where(t => t.Tier != Core.Towns.Tier.Delisted || t.Id == keep).OrderBy(t => t.Name).Select(t => new Option(t.Id, t.Name, t.CountyId)).ToListAsync(ct);
    }
}
