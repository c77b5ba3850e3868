using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Api;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Support.Brands.GeoIndications;

public sealed class EditModel(TownsDbContext db, TimeProvider time) : PageModel
{
    public sealed class Form
    {
        public int? SpecializedTownId { get; set; }
        public string? Name { get; set; }
        public string? Product { get; set; }
        [Display(Name = "保护方式")] public GeoIndicationKind? Kind { get; set; }
        public string? Applicant { get; set; }
        [Display(Name = "当前状态")] public GeoIndicationStatus? Status { get; set; }
        public DateOnly? StatusSince { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<SupportOption> Towns { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!SupportScope.CanEdit(scope)) return Forbid();
        Id = id;
        if (id is { } editId)
        {
            if (await GeoIndicationRegister.FindAsync(db, editId, scope, ct) is not { } found) return NotFound();
            var g = found.Item;
            Input = new Form { SpecializedTownId = g.TownId, Name = g.Name, Product = g.Product, Kind = g.Kind, Applicant = g.Applicant, Status = g.Status, StatusSince = g.StatusSince, Note = g.Note };
        }
        else Input = new Form { Status = GeoIndicationStatus.Preparing, StatusSince = ExportFile.Today(time) };
        Towns = await SupportPages.PickerOptionsAsync(db, scope, [Input.SpecializedTownId], ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!SupportScope.CanEdit(scope)) return Forbid();
        Id = id;
        // A field the binder could not read (an option the list did not offer, a word in a number) is named beside it;
        // saving the rest would store it blank, as if nothing had been chosen.
        if (ModelState.Unreadable(nameof(Input)))
        {
            Towns = await SupportPages.PickerOptionsAsync(db, scope, [Input.SpecializedTownId], ct);
            return Page();
        }
        var (savedId, errors) = await GeoIndicationRegister.SaveAsync(db, scope, id, new GeoIndicationInput
        {
            SpecializedTownId = Input.SpecializedTownId, Name = Input.Name, Product = Input.Product, Kind = Input.Kind, Applicant = Input.Applicant,
            Status = Input.Status, StatusSince = Input.StatusSince, Note = Input.Note,
        }, ExportFile.Today(time), HttpContext.DisplayName(), time.GetUtcNow().UtcDateTime, ct);
        if (savedId is not null)
        {
            TempData["Saved"] = "已保存地理标志申请";
            return Redirect($"/Support/Brands/GeoIndications/Detail/{savedId}");
        }
        Error = ModelState.Show(errors, nameof(Input));
        if (Error?.Contains("不存在") == true) return NotFound();
        Towns = await SupportPages.PickerOptionsAsync(db, scope, [Input.SpecializedTownId], ct);
        return Page();
    }
}
