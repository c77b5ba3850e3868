using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SpecializedTowns.Core;
using SpecializedTowns.Core.Jurisdictions;
using SpecializedTowns.Core.Reports;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Jurisdictions;
using SpecializedTowns.Data.Reports;
using SpecializedTowns.Web.Pages.Projects;
using SpecializedTowns.Web.Pages.Shared;

namespace SpecializedTowns.Web.Pages.Reports;

/// <summary>设立 or 调整 a task force (the office only).</summary>
public sealed class TaskForceEditModel(TownsDbContext db, TaskForceService service, ReportService reports) : PageModel
{
    public sealed class Form
    {
        public int? TownId { get; set; }
        public List<int> LeadUnitIds { get; set; } = [];
        public List<int> SupportingUnitIds { get; set; } = [];
        public List<int> TownshipIds { get; set; } = [];
        public string? ResponsibleLeader { get; set; }
        public string? Source { get; set; }
        public string? ReportsFrom { get; set; }
        public bool RecordsExisting { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public string? TownName { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The county whose 专班 the form sets up (its 分管领导 is a 县, 市 or 区 leader); null where that is not one place.</summary>
    public string? CountyName { get; private set; }
    public IReadOnlyList<(int Id, string Name, string County)> Towns { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name, string Place)> Units { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name, string County)> Townships { get; private set; } = [];

    /// <summary>Next month back to two years ago, and the month already set when it is older.</summary>
    public IReadOnlyList<ReportMonth> Months { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? townId, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (id is { } editId)
        {
            TaskForceListItem force;
            try { force = TaskForceService.Item(await service.FindAsync(scope, editId, ct)); }
            catch (ReportNotFoundException) { return NotFound(); }
            if (!ReportScope.CanManage(scope, force.CountyPath)) return Forbid();
            Id = editId;
            TownName = force.Town;
            Input = new Form
            {
                TownId = force.TownId, LeadUnitIds = force.LeadUnits.Select(u => u.Id).ToList(), SupportingUnitIds = force.SupportingUnits.Select(u => u.Id).ToList(),
                TownshipIds = force.Townships.Select(t => t.Id).ToList(), ResponsibleLeader = force.ResponsibleLeader, Source = force.Source,
                ReportsFrom = force.ReportsFrom.ToString(),
            };
        }
        else
        {
            if (!ReportScope.CanSetUp(scope)) return Forbid();
            // A new 专班 reports from the month it is set up (TaskForceStart).
            // A county office sets up its own county's 专班: the form shows the 依据 the record would get if left empty.
            Input = new Form
            {
                TownId = townId, ReportsFrom = ReportMonth.Of(reports.Today).ToString(),
                Source = scope.HomePath.Count(c => c == '/') == 2 ? service.DefaultSource(scope.HomePath) : null,
            };
        }
        await LoadAsync(scope, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!ReportScope.CanSetUp(scope)) return Forbid();
        Id = id;
        if (ModelState.IsValid)
        {
            try
            {
                var (saved, errors) = await service.SaveAsync(scope, id, new TaskForceInput
                {
                    TownId = Input.TownId, LeadUnitIds = Input.LeadUnitIds, SupportingUnitIds = Input.SupportingUnitIds, TownshipIds = Input.TownshipIds,
                    ResponsibleLeader = Input.ResponsibleLeader, Source = Input.Source, ReportsFrom = Input.ReportsFrom, RecordsExisting = Input.RecordsExisting,
                }, ct);
                // A 专班 the office may read but another county's office manages (ReportScope.CanManage) is refused as its form is (403),
                // not shown as a message on a form it may not fill in; one out of its sight is not found, as for every other record.
                if (errors.Kind == RefusalKind.Forbidden) return Forbid();
                if (errors.Kind == RefusalKind.NotFound) return NotFound();
                if (saved is not null)
                {
                    var owed = Input.RecordsExisting && ReportMonth.TryParse(Input.ReportsFrom, out var from) ? TaskForceStart.OwedWarning(from, reports.Today) : "";
                    TempData["Saved"] = (id is null ? "专班已设立。" : "专班已保存。") + (owed.Length > 0 ? owed + "。" : "");
                    return Redirect($"/Reports/TaskForce/{saved}");
                }
                Error = ModelState.Show(errors, nameof(Input));
            }
            catch (ReportNotFoundException) { return NotFound(); }
        }
        if (id is { } editId)
        {
            try { TownName = (await service.FindAsync(scope, editId, ct)).Town?.Name; }
            catch (ReportNotFoundException) { return NotFound(); }
        }
        await LoadAsync(scope, ct);
        return Page();
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct)
    {
        Towns = Id is null ? await service.TownsWithoutAsync(scope, ct) : [];
        CountyName = Id is { } id
            ? await db.TaskForces.AsNoTracking().Where(f => f.Id == id).Select(f => f.County!.Name).FirstOrDefaultAsync(ct)
            : scope.HomePath.Count(c => c == '/') == 2 ? scope.HomePath[(scope.HomePath.LastIndexOf('/') + 1)..] : null;
        Units = await ProjectPages.UnitsAsync(db, scope, ct);
        var (below, all) = (scope.JurisdictionPath + "/", scope.IsAdmin);
        var rows = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Township && (all || j.Path.StartsWith(below)))
            .OrderByPlace(j => j).Select(j => new { j.Id, j.Name, County = j.Parent!.Name }).ToListAsync(ct);
        Townships = rows.Select(r => (r.Id, r.Name, r.County)).ToList();
        var months = new List<ReportMonth> { ReportMonth.Of(reports.Today).Next };
        months.AddRange(ReportPages.MonthChoices(reports.Today));
        // An existing 专班 may be recorded back to its county's policy document (TaskForceStart): offer the months that far back.
        var under = scope.JurisdictionPath + "/";
        var documents = await (from d in db.PolicyDocuments.AsNoTracking()
                               join j in db.Jurisdictions.AsNoTracking() on d.JurisdictionId equals (int?)j.Id
                               where d.IssuedOn != null && (scope.IsAdmin || j.Path == scope.JurisdictionPath || j.Path.StartsWith(under))
                               select d.IssuedOn).ToListAsync(ct);
        if (documents.Count > 0)
            for (var m = months[^1].Previous; m >= ReportMonth.Of(documents.Min()!.Value); m = m.Previous) months.Add(m);
        if (ReportMonth.TryParse(Input.ReportsFrom, out var set) && !months.Contains(set)) months.Add(set);
        Months = months;
    }
}
