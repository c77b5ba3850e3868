using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Support.Finance;

public sealed class DetailModel(TownsDbContext db, TimeProvider time) : PageModel
{
    public sealed class DealForm
    {
        [Display(Name = "类型")] public FinancingKind? Kind { get; set; } = FinancingKind.Loan;
        public string? Institution { get; set; }
        public decimal? AmountWanYuan { get; set; }
        public DateOnly? GrantedOn { get; set; }
        public int? TermMonths { get; set; }
        public string? Note { get; set; }
    }

    [BindProperty] public DealForm Deal { get; set; } = new();
    public WhiteListItem Entry { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (await WhiteLists.FindAsync(db, id, scope, ct) is not { } entry) return NotFound();
        (Entry, CanEdit) = (entry, SupportScope.CanEdit(scope));
        Deal.GrantedOn = ExportFile.Today(time);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (await WhiteLists.FindAsync(db, id, scope, ct) is null) return NotFound();
        if (!SupportScope.CanEdit(scope)) return Forbid();
        var errors = await WhiteLists.AddFinancingAsync(db, scope, id, new FinancingInput
        {
            Kind = Deal.Kind, Institution = Deal.Institution, AmountWanYuan = Deal.AmountWanYuan, GrantedOn = Deal.GrantedOn, TermMonths = Deal.TermMonths, Note = Deal.Note,
        }, ExportFile.Today(time), ct);
        if (errors.Ok && !ModelState.Where(k => k.Key.StartsWith(nameof(Deal) + ".")).Any(k => k.Value?.Errors.Count > 0))
        {
            TempData["Saved"] = $"已登记{WhiteListNames.Chinese(Deal.Kind!.Value)} {Deal.AmountWanYuan:0.####} 万元";
            return Redirect($"/Support/Finance/Detail/{id}");
        }
        Error = ModelState.Show(errors, nameof(Deal));
        (Entry, CanEdit) = ((await WhiteLists.FindAsync(db, id, scope, ct))!, true);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteDealAsync(int id, int financingId, CancellationToken ct)
    {
        var problem = await WhiteLists.DeleteFinancingAsync(db, UserScope.From(User)!, id, financingId, ct);
        if (problem?.StartsWith("白名单记录不存在") == true) return NotFound();
        TempData[problem is null ? "Saved" : "Problem"] = problem ?? "已删除该笔贷款或担保";
        return Redirect($"/Support/Finance/Detail/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var problem = await WhiteLists.DeleteAsync(db, UserScope.From(User)!, id, ct);
        if (problem is null) { TempData["Saved"] = "已删除白名单记录"; return Redirect("/Support/Finance"); }
        if (problem.Contains("不存在")) return NotFound();
        TempData["Problem"] = problem;
        return Redirect($"/Support/Finance/Detail/{id}");
    }
}
