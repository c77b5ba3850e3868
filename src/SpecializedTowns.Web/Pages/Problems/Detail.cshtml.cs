using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Problems;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Problems;

public sealed class DetailModel(ProblemService problems) : PageModel
{
    public ProblemView View { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Name, string Place)> Units { get; private set; } = [];

    /// <summary>The step that failed and its messages by the field they belong beside ("" for the step as a whole); the form shows again with what was typed.</summary>
    public ProblemStep? FailedStep { get; private set; }
    public Dictionary<string, string> Errors { get; private set; } = [];
    public string? Done { get; private set; }

    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int? LeadUnitId { get; set; }
    [BindProperty] public List<int> CooperatingUnitIds { get; set; } = [];
    [BindProperty] public DateOnly? Deadline { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => ShowAsync(id, ct);

    public Task<IActionResult> OnPostAcceptAsync(int id, CancellationToken ct) =>
        StepAsync(id, ProblemStep.Accept, "已受理，已转牵头单位办理", ct, (s, u) => problems.AcceptAsync(s, u, id, AcceptInput(), ct));

    // A field the form could not read is null here: the raiser's proposal stands in for it, and its own message is shown.
    private AcceptInput AcceptInput() => new(LeadUnitId, CooperatingUnitIds, Deadline, Note);

    public Task<IActionResult> OnPostDeclineAsync(int id, CancellationToken ct) =>
        StepAsync(id, ProblemStep.Decline, "已决定不予受理", ct, (s, u) => problems.DeclineAsync(s, u, id, Note, ct));

    public Task<IActionResult> OnPostHandleAsync(int id, CancellationToken ct) =>
        StepAsync(id, ProblemStep.Handle, "办理情况已记录", ct, (s, u) => problems.HandleAsync(s, u, id, Note, ct));

    public Task<IActionResult> OnPostAnswerAsync(int id, CancellationToken ct) =>
        StepAsync(id, ProblemStep.Answer, "已答复，等待提出人确认", ct, (s, u) => problems.AnswerAsync(s, u, id, Note, ct));

    public Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct) =>
        StepAsync(id, ProblemStep.Confirm, "已确认解决，问题办结", ct, (s, u) => problems.ConfirmAsync(s, u, id, Note, ct));

    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken ct) =>
        StepAsync(id, ProblemStep.Reopen, "已退回牵头单位重新办理", ct, (s, u) => problems.ReopenAsync(s, u, id, Note, ct));

    public string? ErrorFor(ProblemStep step, string field) => FailedStep == step ? Errors.GetValueOrDefault(field) : null;

    private async Task<IActionResult> StepAsync(int id, ProblemStep step, string done, CancellationToken ct, Func<UserScope, string, Task> action)
    {
        var scope = UserScope.From(User)!;
        if (!ModelState.IsValid)
        {
            // A value the form could not read (a malformed date, say): say so beside it and take no step, but name what is
            // wrong with the fields that were read too, so that one correction is enough.
            FailedStep = step;
            foreach (var (key, entry) in ModelState.Where(m => m.Value!.Errors.Count > 0))
                Errors.TryAdd(Field(key), entry!.Errors[0].ErrorMessage);
            if (step == ProblemStep.Accept)
            {
                try
                {
                    foreach (var (field, message) in await problems.AcceptProblemsAsync(scope, id, AcceptInput(), ct)) Errors.TryAdd(field, message);
                }
                catch (ProblemNotFoundException) { return NotFound(); }
            }
            return await ShowAsync(id, ct);
        }
        try
        {
            await action(scope, User.DisplayName());
            TempData["Done"] = done;
            return Redirect($"/Problems/Detail/{id}");
        }
        catch (ProblemNotFoundException)
        {
            return NotFound();
        }
        catch (ProblemRuleException ex)
        {
            FailedStep = step;
            Errors[ex.Field ?? ""] = ex.Message;
            return await ShowAsync(id, ct);
        }
    }

    private static string Field(string key) =>
        key.StartsWith(nameof(Deadline), StringComparison.Ordinal) ? "deadline"
        : key.StartsWith(nameof(LeadUnitId), StringComparison.Ordinal) ? "leadUnitId"
        : key.StartsWith(nameof(CooperatingUnitIds), StringComparison.Ordinal) ? "cooperatingUnitIds"
        : "note";

    private async Task<IActionResult> ShowAsync(int id, CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        try { View = await problems.ViewAsync(scope, id, User.DisplayName(), ct); }
        catch (ProblemNotFoundException) { return NotFound(); }
        if (View.Steps.Contains(ProblemStep.Accept))
        {
            Units = await problems.UnitsForAsync(View.CountyPath, ct);
            if (FailedStep is null)
            {
                // The form starts from what the raiser proposed.
                LeadUnitId = View.Problem.LeadUnitId;
                CooperatingUnitIds = View.CooperatingUnits.Select(u => u.Id).ToList();
                Deadline = View.Problem.Deadline;
            }
        }
        Done = TempData["Done"] as string;
        return Page();
    }
}
