using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Data.Accounts;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Notices;
using SpecializedTowns.Web.Pages.Shared;
using SpecializedTowns.Web.Accounts;

namespace SpecializedTowns.Web.Pages.Notices;

public sealed class NewModel(NoticeService notices) : PageModel
{
    public sealed class FindingRow
    {
        public string? Text { get; set; }
        public string? Source { get; set; }
    }

    public sealed class Form
    {
        /// <summary>Town:12, Township:34 or Unit:56.</summary>
        public string? Recipient { get; set; }
        public string? Subject { get; set; }
        public string? Addressee { get; set; }
        public string? Basis { get; set; }
        public int? EvaluationId { get; set; }
        public List<FindingRow> Findings { get; set; } = [];
        public DateOnly? Deadline { get; set; }
        public string? ContactName { get; set; }
        public string? ContactPhone { get; set; }

        /// <summary>抄送机关, one a line.</summary>
        public string? CopyTo { get; set; }
    }

    /// <summary>Bound on GET as well, so that a link can start the form with a recipient.</summary>
    [BindProperty(SupportsGet = true)] public Form Input { get; set; } = new();

    public IReadOnlyList<NoticeRecipient> Recipients { get; private set; } = [];
    public NoticePreview? Preview { get; private set; }

    /// <summary>Why the recipient a link chose cannot be this office's 整改对象 (a 市直 unit for a county office), shown instead of a silent empty choice.</summary>
    public string? RecipientNote { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today => notices.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!NoticeService.CanIssue(scope)) return Forbid();
        ModelState.Clear(); // nothing typed yet: no messages
        Input.Basis ??= $"{Today.Year - 1}年度专业镇发展评估结果";
        Input.Deadline ??= Today.AddDays(30);
        if (Input.ContactName is null && await notices.LastContactAsync(scope, ct) is { } contact)
            (Input.ContactName, Input.ContactPhone) = contact;
        // A link may name a township's government as a unit (a problem's lead unit, say): the form lists it as the township.
        if (NoticeRecipient.TryParse(Input.Recipient, out var kind, out var id))
        {
            var (k, i) = await notices.ListedRecipientAsync(kind, id, ct);
            Input.Recipient = new NoticeRecipient(k, i, "", "").Key;
            Preview = await notices.PreviewAsync(scope, k, i, ct);
            if (Preview is null)
            {
                RecipientNote = await notices.NotRecipientAsync(scope, k, i, ct);
                Input.Recipient = null;
            }
        }
        await LoadAsync(scope, ct);
        return Page();
    }

    /// <summary>htmx: who signs, how it is numbered and what a missed deadline brings, for the recipient just chosen.</summary>
    public async Task<IActionResult> OnGetPreviewAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!NoticeService.CanIssue(scope)) return Forbid();
        ModelState.Clear();
        Preview = NoticeRecipient.TryParse(Input.Recipient, out var kind, out var id) ? await notices.PreviewAsync(scope, kind, id, ct) : null;
        return Partial("_Preview", this);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var scope = UserScope.From(User)!;
        if (!NoticeService.CanIssue(scope)) return Forbid();
        // Rows left empty are not findings; the others keep their place so that a message goes beside the right row.
        var rows = Input.Findings.Select((f, i) => (f, i)).Where(x => !string.IsNullOrWhiteSpace(x.f.Text) || !string.IsNullOrWhiteSpace(x.f.Source)).ToList();
        NoticeRecipient.TryParse(Input.Recipient, out var kind, out var recipientId);
        var draft = new NoticeDraft
        {
            RecipientKind = Input.Recipient is null ? null : kind, RecipientId = Input.Recipient is null ? null : recipientId,
            Subject = Input.Subject, Addressee = Input.Addressee, Basis = Input.Basis, EvaluationId = Input.EvaluationId,
            Findings = rows.Select(x => new NoticeFinding(x.f.Text ?? "", x.f.Source ?? "")).ToList(), Deadline = Input.Deadline,
            ContactName = Input.ContactName, ContactPhone = Input.ContactPhone,
            CopyTo = (Input.CopyTo ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
        FieldErrors errors;
        if (ModelState.IsValid)
        {
            try
            {
                var id = await notices.CreateAsync(scope, User.DisplayName(), draft, ct);
                TempData["Done"] = "督办通知书已下发，可下载正式文本印发";
                return Redirect($"/Notices/Detail/{id}");
            }
            catch (NoticeInputException ex) { errors = ex.Errors; }
        }
        else
        {
            // A value the form could not read keeps its own message; the rest are checked as usual, nothing is saved.
            errors = await notices.ValidateAsync(scope, draft, ct);
        }
        var shown = new FieldErrors();
        foreach (var (field, message) in errors)
        {
            var key = field == nameof(NoticeDraft.RecipientId) ? nameof(Form.Recipient) : field;
            if (key.StartsWith("Findings[", StringComparison.Ordinal) && int.TryParse(key[9..key.IndexOf(']')], out var k) && k < rows.Count)
                key = $"Findings[{rows[k].i}]" + key[(key.IndexOf(']') + 1)..];
            if (ModelState.TryGetValue($"{nameof(Input)}.{key}", out var entry) && entry.Errors.Count > 0) continue;
            shown[key] = message;
        }
        Error = ModelState.Show(shown, nameof(Input));
        await LoadAsync(scope, ct);
        if (NoticeRecipient.TryParse(Input.Recipient, out var k2, out var id2)) Preview = await notices.PreviewAsync(scope, k2, id2, ct);
        return Page();
    }

    private async Task LoadAsync(UserScope scope, CancellationToken ct)
    {
        Recipients = await notices.RecipientsAsync(scope, ct);
        // The list follows the county the top bar looks at; a recipient chosen by a link (a problem's 市直 lead unit, say) that
        // the office may still send a notice to is kept in it, so that the choice shows as made.
        if (NoticeRecipient.TryParse(Input.Recipient, out var kind, out var id) && Recipients.All(r => r.Key != Input.Recipient)
            && await notices.RecipientAsync(scope, kind, id, ct) is { } chosen)
            Recipients = [.. Recipients, chosen];
        // At least three rows, and one free row after what was typed.
        var filled = Input.Findings.FindLastIndex(f => !string.IsNullOrWhiteSpace(f.Text) || !string.IsNullOrWhiteSpace(f.Source)) + 1;
        while (Input.Findings.Count < Math.Max(3, filled + 1) && Input.Findings.Count < Notice.MaxFindings) Input.Findings.Add(new FindingRow());
    }
}

/// <summary>What the notice pages share.</summary>
public static class NoticePages
{
}
