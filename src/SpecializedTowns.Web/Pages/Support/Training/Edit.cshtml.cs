using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Policies;
using SpecializedTowns.Core.Support;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Support;
using SpecializedTowns.Web.Api;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Support.Training;

public sealed class EditModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time) : PageModel
{
    public sealed class Form
    {
        public int? CountyId { get; set; }
        public int? SpecializedTownId { get; set; }
        public string? Title { get; set; }
        [Display(Name = "培训方式")] public TrainingMode? Mode { get; set; }
        public string? Organiser { get; set; }
        [Display(Name = "承办单位类型")] public TrainingProviderKind? OrganiserKind { get; set; }
        public DateOnly? StartOn { get; set; }
        public DateOnly? EndOn { get; set; }
        public int? Trainees { get; set; }
        public int? Employed { get; set; }
        public decimal? SubsidyWanYuan { get; set; }
        public string? ClauseSource { get; set; }
        public string? Note { get; set; }

        public TrainingInput ToInput() => new()
        {
            CountyId = CountyId, SpecializedTownId = SpecializedTownId, Title = Title, Mode = Mode, Organiser = Organiser, OrganiserKind = OrganiserKind,
            StartOn = StartOn, EndOn = EndOn, Trainees = Trainees, Employed = Employed, SubsidyWanYuan = SubsidyWanYuan, ClauseSource = ClauseSource, Note = Note,
        };
    }

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<PlaceOption> Counties { get; private set; } = [];
    public IReadOnlyList<PlaceOption> Towns { get; private set; } = [];
    public IReadOnlyList<SupportClause> Clauses { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!SupportScope.CanEdit(scope)) return Forbid();
        Id = id;
        await LoadAsync(scope, ct);
        if (id is { } editId)
        {
            if (await TrainingProgrammes.FindAsync(db, catalog, editId, scope, ExportFile.Today(time), ct) is not { } found) return NotFound();
            var p = found.Item;
            Input = new Form
            {
                CountyId = p.CountyId, SpecializedTownId = p.TownId, Title = p.Title, Mode = p.Mode, Organiser = p.Organiser, OrganiserKind = p.OrganiserKind,
                StartOn = p.StartOn, EndOn = p.EndOn, Trainees = p.Trainees, Employed = p.Employed, SubsidyWanYuan = p.SubsidyWanYuan, ClauseSource = p.ClauseSource, Note = p.Note,
            };
            if (Input.SpecializedTownId is { } kept && Towns.All(o => o.Id != kept)) Towns = await TalentPages.PickerTownsAsync(db, scope, kept, ct);
        }
        else
        {
            Input.CountyId = Counties.Count == 1 ? Counties[0].Id : null;
            Input.ClauseSource = Clauses.Any(c => c.Source == TrainingRules.TargetClause) ? TrainingRules.TargetClause : Clauses.FirstOrDefault()?.Source;
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
        var (savedId, errors) = await TrainingProgrammes.SaveAsync(db, catalog, scope, id, Input.ToInput(), ExportFile.Today(time),
            HttpContext.DisplayName(), time.GetUtcNow().UtcDateTime, ct);
        if (savedId is not null)
        {
            TempData["Saved"] = "已保存培训项目";
            return Redirect($"/Support/Training/Detail/{savedId}");
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
        var problem = await TrainingProgrammes.DeleteAsync(db, scope, id, ct);
        if (problem is not null) return NotFound();
        TempData["Saved"] = "已删除培训项目";
        return Redirect("/Support/Training");
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct)
    {
        Counties = await TalentPages.CountiesAsync(db, scope, ct);
        Towns = await TalentPages.PickerTownsAsync(db, scope, Input.SpecializedTownId, ct);
        Clauses = TrainingProgrammes.ClauseChoices(catalog, scope);
    }
}
