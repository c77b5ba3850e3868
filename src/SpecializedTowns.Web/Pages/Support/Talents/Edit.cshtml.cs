using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;
using TalentRegister = SpecializedTowns.Data.Support.Talents;
using SpecializedTowns.Web.Api;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Pages.Support.Training;

namespace SpecializedTowns.Web.Pages.Support.Talents;

public sealed class EditModel(TownsDbContext db, TimeProvider time) : PageModel
{
    public sealed class Form
    {
        public string? Name { get; set; }
        [Display(Name = "人才类别")] public TalentCategory? Category { get; set; }
        public int? CountyId { get; set; }
        public int? SpecializedTownId { get; set; }
        public int? EnterpriseId { get; set; }
        public string? Employer { get; set; }
        public string? JobTitle { get; set; }
        public string? Honours { get; set; }
        public int? Year { get; set; }
        public string? Note { get; set; }

        public TalentInput ToInput() => new()
        {
            Name = Name, Category = Category, CountyId = CountyId, SpecializedTownId = SpecializedTownId, EnterpriseId = EnterpriseId,
            Employer = Employer, JobTitle = JobTitle, Honours = Honours, Year = Year, Note = Note,
        };
    }

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<PlaceOption> Counties { get; private set; } = [];
    public IReadOnlyList<PlaceOption> Towns { get; private set; } = [];
    public IReadOnlyList<PlaceOption> Enterprises { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!SupportScope.CanEdit(scope)) return Forbid();
        Id = id;
        await LoadAsync(scope, ct);
        if (id is { } editId)
        {
            if (await TalentRegister.FindAsync(db, editId, scope, ct) is not { } t) return NotFound();
            Input = new Form
            {
                Name = t.Name, Category = t.Category, CountyId = t.CountyId, SpecializedTownId = t.TownId, EnterpriseId = t.EnterpriseId,
                Employer = t.Employer, JobTitle = t.JobTitle, Honours = t.Honours, Year = t.Year, Note = t.Note,
            };
            if (Input.SpecializedTownId is { } kept && Towns.All(o => o.Id != kept)) Towns = await TalentPages.PickerTownsAsync(db, scope, kept, ct);
        }
        else
        {
            Input.CountyId = Counties.Count == 1 ? Counties[0].Id : null;
            Input.Year = ExportFile.Today(time).Year;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!SupportScope.CanEdit(scope)) return Forbid();
        Id = id;
        // A field the binder could not read is named beside it, and nothing is saved (it was: the form came back over a
        // record already written, without that field).
        if (ModelState.Unreadable(nameof(Input)))
        {
            await LoadAsync(scope, ct);
            return Page();
        }
        var (savedId, errors) = await TalentRegister.SaveAsync(db, scope, id, Input.ToInput(), ExportFile.Today(time), HttpContext.DisplayName(), time.GetUtcNow().UtcDateTime, ct);
        if (savedId is not null)
        {
            TempData["Saved"] = $"已保存人才“{Input.Name?.Trim()}”";
            return Redirect("/Support/Talents");
        }
        Error = ModelState.Show(errors, nameof(Input));
        if (Error?.Contains("不存在") == true) return NotFound();
        await LoadAsync(scope, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!SupportScope.CanEdit(scope)) return Forbid();
        if (await TalentRegister.DeleteAsync(db, scope, id, ct) is not null) return NotFound();
        TempData["Saved"] = "已删除人才记录";
        return Redirect("/Support/Talents");
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct)
    {
        Counties = await TalentPages.CountiesAsync(db, scope, ct);
        Towns = await TalentPages.PickerTownsAsync(db, scope, Input.SpecializedTownId, ct);
        Enterprises = await TalentPages.EnterprisesAsync(db, scope, ct);
        Years = SupportPages.Years(ExportFile.Today(time));
    }
}
