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

namespace SpecializedTowns.Web.Pages.Support.Events;

public sealed class EditModel(TownsDbContext db, PolicyCatalog catalog, TimeProvider time) : PageModel
{
    public sealed class Participant
    {
        public int? EnterpriseId { get; set; }
        public decimal? IntendedWanYuan { get; set; }
        public decimal? DealWanYuan { get; set; }
    }

    public sealed class Form
    {
        public string? Name { get; set; }
        [Display(Name = "活动类型")] public EventKind? Kind { get; set; }
        [Display(Name = "举办或参加")] public EventRole? Role { get; set; }
        [Display(Name = "级别")] public EventLevel? Level { get; set; }
        public DateOnly? StartOn { get; set; }
        public DateOnly? EndOn { get; set; }
        public string? Place { get; set; }
        public string? Organiser { get; set; }
        public string? ClauseSource { get; set; }
        public List<int> TownIds { get; set; } = [];
        public List<Participant> Participants { get; set; } = [];
        public string? Note { get; set; }

        public EventInput ToInput() => new()
        {
            Name = Name, Kind = Kind, Role = Role, Level = Level, StartOn = StartOn, EndOn = EndOn, Place = Place, Organiser = Organiser,
            ClauseSource = ClauseSource, TownIds = TownIds, Note = Note,
            Participants = Participants.Select(p => new ParticipantInput { EnterpriseId = p.EnterpriseId, IntendedWanYuan = p.IntendedWanYuan, DealWanYuan = p.DealWanYuan }).ToList(),
        };
    }

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public IReadOnlyList<SupportOption> Towns { get; private set; } = [];
    public IReadOnlyList<SupportOption> Enterprises { get; private set; } = [];
    public IReadOnlyList<SupportClause> Clauses { get; private set; } = [];
    public int OtherParticipants { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!SupportScope.CanEdit(scope)) return Forbid();
        Id = id;
        if (id is { } editId)
        {
            if (await TradeEvents.FindAsync(db, editId, scope, ct) is not { } e) return NotFound();
            if (!await TradeEvents.CanEditAsync(db, editId, scope, ct)) return Forbid();
            Input = new Form
            {
                Name = e.Name, Kind = e.Kind, Role = e.Role, Level = e.Level, StartOn = e.StartOn, EndOn = e.EndOn, Place = e.Place, Organiser = e.Organiser,
                ClauseSource = e.ClauseSource, TownIds = e.Towns.Select(t => t.Id).ToList(), Note = e.Note,
                Participants = e.Participants.Select(p => new Participant { EnterpriseId = p.EnterpriseId, IntendedWanYuan = p.IntendedWanYuan, DealWanYuan = p.DealWanYuan }).ToList(),
            };
            OtherParticipants = e.OtherParticipants;
        }
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
            if (id is { } shownId) OtherParticipants = (await TradeEvents.FindAsync(db, shownId, scope, ct))?.OtherParticipants ?? 0;
            await LoadAsync(scope, ct);
            return Page();
        }
        var (savedId, errors) = await TradeEvents.SaveAsync(db, catalog, scope, id, Input.ToInput(), ExportFile.Today(time), HttpContext.DisplayName(),
            time.GetUtcNow().UtcDateTime, ct);
        if (savedId is not null)
        {
            TempData["Saved"] = "已保存展会活动";
            return Redirect($"/Support/Events/Detail/{savedId}");
        }
        Error = ModelState.Show(errors, nameof(Input));
        if (Error?.Contains("不存在") == true) return NotFound();
        if (Error?.Contains("上级办公室") == true) return Forbid();
        if (id is { } editId) OtherParticipants = (await TradeEvents.FindAsync(db, editId, scope, ct))?.OtherParticipants ?? 0;
        await LoadAsync(scope, ct);
        return Page();
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct)
    {
        Towns = await SupportPages.PickerOptionsAsync(db, scope, Input.TownIds.Select(i => (int?)i), ct);
        Enterprises = await SupportPages.EnterpriseOptionsAsync(db, scope, ct);
        Clauses = TradeEvents.ClauseChoices(catalog, scope);
    }
}
