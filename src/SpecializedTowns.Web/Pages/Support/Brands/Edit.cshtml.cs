using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Towns;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Api;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Support.Brands;

public sealed class EditModel(TownsDbContext db, TimeProvider time) : PageModel
{
    public sealed class Form
    {
        public int? SpecializedTownId { get; set; }
        public int? EnterpriseId { get; set; }
        public string? Name { get; set; }
        [Display(Name = "类别")] public BrandKind? Kind { get; set; }
        [Display(Name = "级别")] public RecognitionLevel? Level { get; set; }
        [Display(Name = "荣誉")] public BrandHonour? Honour { get; set; }
        public int? Year { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<SupportOption> Towns { get; private set; } = [];

    /// <summary>Enterprises that belong to a town, grouped by the town's name; the server checks the pair again.</summary>
    public IReadOnlyList<SupportOption> Enterprises { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, int? town, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!SupportScope.CanEdit(scope)) return Forbid();
        Id = id;
        if (id is { } editId)
        {
            if (await BrandRegister.FindAsync(db, editId, scope, ct) is not { } b) return NotFound();
            Input = new Form { SpecializedTownId = b.SpecializedTownId, EnterpriseId = b.EnterpriseId, Name = b.Name, Kind = b.Kind, Level = b.Level, Honour = b.Honour, Year = b.Year };
        }
        else Input = new Form { SpecializedTownId = town, Year = ExportFile.Today(time).Year };
        await LoadAsync(scope, ct);
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
            await LoadAsync(scope, ct);
            return Page();
        }
        var (savedId, errors) = await BrandRegister.SaveAsync(db, scope, id, new BrandInput
        {
            SpecializedTownId = Input.SpecializedTownId, EnterpriseId = Input.EnterpriseId, Name = Input.Name, Kind = Input.Kind, Level = Input.Level,
            Honour = Input.Honour, Year = Input.Year,
        }, ExportFile.Today(time), ct);
        if (savedId is not null)
        {
            TempData["Saved"] = $"已保存品牌“{Input.Name?.Trim()}”";
            return Redirect("/Support/Brands");
        }
        Error = ModelState.Show(errors, nameof(Input));
        if (Error?.Contains("不存在") == true) return NotFound();
        await LoadAsync(scope, ct);
        return Page();
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct)
    {
        Towns = await SupportPages.PickerOptionsAsync(db, scope, [Input.SpecializedTownId], ct);
        var towns = scope.Towns(db).Select(t => t.Id);
        Enterprises = (await db.Enterprises.AsNoTracking().Where(e => e.SpecializedTownId != null && towns.Contains(e.SpecializedTownId.Value))
                .Select(e => new { e.Id, e.Name, Town = db.Towns.Where(t => t.Id == e.SpecializedTownId).Select(t => t.Name).First() }).ToListAsync(ct))
            .OrderBy(e => e.Town, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).Select(e => new SupportOption(e.Id, e.Name, e.Town)).ToList();
    }
}
