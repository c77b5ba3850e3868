using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Api;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Support.Platforms;

public sealed class EditModel(TownsDbContext db, TimeProvider time) : PageModel
{
    public sealed class Form
    {
        public string? Name { get; set; }
        public int? SpecializedTownId { get; set; }
        public string? Operator { get; set; }
        [Display(Name = "运营主体类型")] public PlatformOperatorKind? OperatorKind { get; set; }
        [Display(Name = "级别")] public PlatformLevel? Level { get; set; }
        public int? EstablishedYear { get; set; }
        [Display(Name = "服务方式")] public PlatformMode? Mode { get; set; }
        [Display(Name = "平台功能")] public List<PlatformFunction> Functions { get; set; } = [];
        public int? ServedYear { get; set; }
        public int? EnterprisesServed { get; set; }
        public string? Note { get; set; }

        public PlatformInput ToInput() => new()
        {
            Name = Name, SpecializedTownId = SpecializedTownId, Operator = Operator, OperatorKind = OperatorKind, Level = Level,
            EstablishedYear = EstablishedYear, Mode = Mode, Functions = Functions, ServedYear = ServedYear, EnterprisesServed = EnterprisesServed, Note = Note,
        };
    }

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<SupportOption> Towns { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, int? town, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!SupportScope.CanEdit(scope)) return Forbid();
        Id = id;
        Towns = await SupportPages.PickerOptionsAsync(db, scope, [], ct);
        if (id is { } editId)
        {
            if (await ServicePlatforms.FindAsync(db, editId, scope, ct) is not { } p) return NotFound();
            Input = new Form
            {
                Name = p.Name, SpecializedTownId = p.TownId, Operator = p.Operator, OperatorKind = p.OperatorKind, Level = p.Level,
                EstablishedYear = p.EstablishedYear, Mode = p.Mode, Functions = [.. p.Functions], ServedYear = p.ServedYear, EnterprisesServed = p.EnterprisesServed, Note = p.Note,
            };
            if (Input.SpecializedTownId is { } kept && Towns.All(o => o.Id != kept)) Towns = await SupportPages.PickerOptionsAsync(db, scope, [kept], ct);
        }
        else if (town is { } t && Towns.Any(o => o.Id == t)) Input.SpecializedTownId = t;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!SupportScope.CanEdit(scope)) return Forbid();
        Id = id;
        // A field that could not be read (a function the list did not offer) is said beside it; saving the rest would save
        // the platform without it, as if it had not been chosen.
        if (ModelState.Unreadable(nameof(Input)))
        {
            Towns = await SupportPages.PickerOptionsAsync(db, scope, [Input.SpecializedTownId], ct);
            return Page();
        }
        var (savedId, errors) = await ServicePlatforms.SaveAsync(db, scope, id, Input.ToInput(), ExportFile.Today(time), HttpContext.DisplayName(),
            time.GetUtcNow().UtcDateTime, ct);
        if (savedId is not null)
        {
            TempData["Saved"] = "已保存公共服务平台";
            return Redirect($"/Support/Platforms/Detail/{savedId}");
        }
        Error = ModelState.Show(errors, nameof(Input));
        if (Error?.Contains("不存在") == true) return NotFound();
        Towns = await SupportPages.PickerOptionsAsync(db, scope, [Input.SpecializedTownId], ct);
        return Page();
    }
}
