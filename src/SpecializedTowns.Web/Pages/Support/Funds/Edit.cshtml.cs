using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Api;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Support.Funds;

public sealed class EditModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time) : PageModel
{
    public sealed class Form
    {
        public string? FundName { get; set; }
        [Display(Name = "资金类型")] public FundKind? Kind { get; set; }
        [Display(Name = "资金级次")] public FundLevel? Level { get; set; }
        public string? ClauseSource { get; set; }
        [Display(Name = "支持对象")] public RecipientKind? RecipientKind { get; set; } = Core.Support.RecipientKind.Town;
        public int? SpecializedTownId { get; set; }
        public int? EnterpriseId { get; set; }
        public decimal? AmountWanYuan { get; set; }
        public DateOnly? GrantedOn { get; set; }
        public string? DocumentNumber { get; set; }
        public string? Purpose { get; set; }
        public string? ExpectedOutcome { get; set; }
        public decimal? TargetValue { get; set; }
        public string? TargetUnit { get; set; }

        public FundGrantInput ToInput() => new()
        {
            FundName = FundName, Kind = Kind, Level = Level, ClauseSource = ClauseSource, RecipientKind = RecipientKind,
            SpecializedTownId = SpecializedTownId, EnterpriseId = EnterpriseId, AmountWanYuan = AmountWanYuan, GrantedOn = GrantedOn,
            DocumentNumber = DocumentNumber, Purpose = Purpose, ExpectedOutcome = ExpectedOutcome, TargetValue = TargetValue, TargetUnit = TargetUnit,
        };
    }

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<SupportClause> Clauses { get; private set; } = [];
    public IReadOnlyList<SupportOption> Towns { get; private set; } = [];
    public IReadOnlyList<SupportOption> Enterprises { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!SupportScope.CanEdit(scope)) return Forbid();
        Id = id;
        if (id is { } editId)
        {
            var g = await SupportScope.Grants(db, scope).AsNoTracking().SingleOrDefaultAsync(x => x.Id == editId, ct);
            if (g is null) return NotFound();
            Input = new Form
            {
                FundName = g.FundName, Kind = g.Kind, Level = g.Level, ClauseSource = g.ClauseSource, RecipientKind = g.RecipientKind,
                SpecializedTownId = g.RecipientKind == RecipientKind.Town ? g.SpecializedTownId : null, EnterpriseId = g.EnterpriseId,
                AmountWanYuan = g.AmountWanYuan, GrantedOn = g.GrantedOn, DocumentNumber = g.DocumentNumber, Purpose = g.Purpose,
                ExpectedOutcome = g.ExpectedOutcome, TargetValue = g.TargetValue, TargetUnit = g.TargetUnit,
            };
        }
        else Input.GrantedOn = ExportFile.Today(time);
        await LoadOptionsAsync(scope, ct);
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
            await LoadOptionsAsync(scope, ct);
            return Page();
        }
        var (savedId, errors) = await FundGrants.SaveAsync(db, catalog, scope, id, Input.ToInput(), ExportFile.Today(time),
            HttpContext.DisplayName(), time.GetUtcNow().UtcDateTime, ct);
        if (savedId is not null)
        {
            TempData["Saved"] = "已保存资金奖补记录";
            return Redirect($"/Support/Funds/Detail/{savedId}");
        }
        Error = ModelState.Show(errors, nameof(Input));
        if (Error?.Contains("不存在") == true) return NotFound();
        await LoadOptionsAsync(scope, ct);
        return Page();
    }

    private async Task LoadOptionsAsync(UserScope scope, CancellationToken ct)
    {
        Clauses = FundGrants.ClauseChoices(catalog, scope);
        Towns = (await scope.Towns(db).AsNoTracking().Select(t => new { t.Id, t.Name, County = t.County!.Name, t.County.Path, t.County.Code }).ToListAsync(ct))
            .OrderBy(t => PlaceOrder.KeyOf(t.Code, t.Path), StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).Select(t => new SupportOption(t.Id, t.Name, t.County)).ToList();
        Enterprises = await SupportPages.EnterpriseOptionsAsync(db, scope, ct);
    }
}
