using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Api;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Support.Listing;

public sealed class EditModel(TownsDbContext db, TimeProvider time) : PageModel
{
    public sealed class Form
    {
        public int? EnterpriseId { get; set; }
        [Display(Name = "入库时阶段")] public ListingStage? Stage { get; set; }
        public DateOnly? AdmittedOn { get; set; }
        public string? TargetBoard { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public string? EnterpriseName { get; private set; }
    public IReadOnlyList<SupportOption> Enterprises { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!SupportScope.CanEdit(scope)) return Forbid();
        Id = id;
        if (id is { } editId)
        {
            if (await ListingReserve.FindAsync(db, editId, scope, ct) is not { } found) return NotFound();
            var c = found.Item;
            Input = new Form { EnterpriseId = c.EnterpriseId, Stage = c.Stage, AdmittedOn = c.AdmittedOn, TargetBoard = c.TargetBoard, Note = c.Note };
            EnterpriseName = c.Enterprise;
        }
        else Input.AdmittedOn = ExportFile.Today(time);
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
            if (id is { } shownId) EnterpriseName = (await ListingReserve.FindAsync(db, shownId, scope, ct))?.Item.Enterprise;
            await LoadAsync(scope, ct);
            return Page();
        }
        var (savedId, errors) = await ListingReserve.SaveAsync(db, scope, id, new ListingInput
        {
            EnterpriseId = Input.EnterpriseId, Stage = Input.Stage, AdmittedOn = Input.AdmittedOn, TargetBoard = Input.TargetBoard, Note = Input.Note,
        }, ExportFile.Today(time), HttpContext.DisplayName(), time.GetUtcNow().UtcDateTime, ct);
        if (savedId is not null)
        {
            TempData["Saved"] = "已保存上市后备企业";
            return Redirect($"/Support/Listing/Detail/{savedId}");
        }
        Error = ModelState.Show(errors, nameof(Input));
        if (Error?.Contains("不存在") == true) return NotFound();
        if (id is { } editId) EnterpriseName = (await ListingReserve.FindAsync(db, editId, scope, ct))?.Item.Enterprise;
        await LoadAsync(scope, ct);
        return Page();
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct) =>
        Enterprises = await SupportPages.EnterpriseOptionsAsync(db, scope, ct);
}
