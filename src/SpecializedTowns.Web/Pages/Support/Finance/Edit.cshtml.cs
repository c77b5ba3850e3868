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

namespace SpecializedTowns.Web.Pages.Support.Finance;

public sealed class EditModel(TownsDbContext db, TimeProvider time) : PageModel
{
    public sealed class Form
    {
        public int? EnterpriseId { get; set; }
        public int? Year { get; set; }
        public string? RecommendedBy { get; set; }
        public DateOnly? RecommendedOn { get; set; }
        [Display(Name = "状态")] public WhiteListStatus? Status { get; set; } = WhiteListStatus.Recommended;
        public decimal? FinancingNeedWanYuan { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<SupportOption> Enterprises { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!SupportScope.CanEdit(scope)) return Forbid();
        Id = id;
        if (id is { } editId)
        {
            var w = await SupportScope.WhiteList(db, scope).AsNoTracking().SingleOrDefaultAsync(x => x.Id == editId, ct);
            if (w is null) return NotFound();
            Input = new Form { EnterpriseId = w.EnterpriseId, Year = w.Year, RecommendedBy = w.RecommendedBy, RecommendedOn = w.RecommendedOn, Status = w.Status, FinancingNeedWanYuan = w.FinancingNeedWanYuan, Note = w.Note };
        }
        else
        {
            var today = ExportFile.Today(time);
            (Input.Year, Input.RecommendedOn) = (today.Year, today);
        }
        await LoadAsync(scope, ct);
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
        var (savedId, errors) = await WhiteLists.SaveAsync(db, scope, id, new WhiteListInput
        {
            EnterpriseId = Input.EnterpriseId, Year = Input.Year, RecommendedBy = Input.RecommendedBy, RecommendedOn = Input.RecommendedOn,
            Status = Input.Status, FinancingNeedWanYuan = Input.FinancingNeedWanYuan, Note = Input.Note,
        }, ExportFile.Today(time), HttpContext.DisplayName(), time.GetUtcNow().UtcDateTime, ct);
        if (savedId is not null)
        {
            TempData["Saved"] = "已保存白名单记录";
            return Redirect($"/Support/Finance/Detail/{savedId}");
        }
        Error = ModelState.Show(errors, nameof(Input));
        if (Error?.Contains("不存在") == true) return NotFound();
        await LoadAsync(scope, ct);
        return Page();
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct) =>
        Enterprises = await SupportPages.EnterpriseOptionsAsync(db, scope, ct);
}
