using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Data;
using SpecializedTowns.Data.Enterprises;
using SpecializedTowns.Data.Notices;

namespace SpecializedTowns.Web.Api;

public sealed record NoticeFindingBody(string? Text, string? Source);

/// <summary>recipientKind: town, township or unit (or 专业镇、乡镇、单位); deadline as yyyy-MM-dd. Subject and addressee follow from the recipient when left out.</summary>
public sealed record NewNotice(
    string? RecipientKind, int? RecipientId, string? Subject, string? Addressee, string? Basis, int? EvaluationId,
    NoticeFindingBody[]? Findings, string? Deadline, string? ContactName, string? ContactPhone, string[]? CopyTo);

public sealed record NewNoticeBatch(NewNotice[]? Notices);

/// <summary>What was done for one finding, what shows it, and optionally a file uploaded before through …/files and given to no finding yet.</summary>
public sealed record RectificationBody(string? Measures, string? Evidence, int? AttachmentId);

/// <summary>decision: accept or return (通过/退回); reason is required to return.</summary>
public sealed record VerificationBody(string? Decision, string? Reason);

/// <summary>kind: public-criticism, interview or other (通报批评、约谈、其他); takenOn as yyyy-MM-dd.</summary>
public sealed record NoticeActionBody(string? Kind, string? TakenOn, string? DocumentNumber, string? Note);

public sealed record NoticeActionsBody(NoticeActionBody[]? Actions);

/// <summary>A file of evidence as base64 in JSON (PDF, JPG, PNG, .docx, .xlsx; at most 10 MB).</summary>
public sealed record NoticeFileBody(string? FileName, string? Content);

public sealed record NoticeSummary(
    int Id, string DocumentNumber, string IssuingOffice, string RecipientKind, string RecipientKindName, string Recipient, string Addressee, string Area,
    string Subject, string Basis, int? EvaluationId, DateOnly IssuedOn, DateOnly Deadline, string Status, string StatusName, string DeadlineStatus,
    int Items, int Accepted, int AwaitingVerification);

public sealed record NoticeDetail(
    int Id, string DocumentNumber, string IssuingOffice, string RecipientKind, string RecipientKindName, int RecipientId, string Recipient, string Addressee,
    string Area, string AreaPath, string Subject, string Basis, int? EvaluationId, DateOnly IssuedOn, DateOnly Deadline, string Status, string StatusName,
    string DeadlineStatus, string ContactName, string ContactPhone, IReadOnlyList<string> CopyTo, string? PolicyId, string? OverdueConsequence,
    IReadOnlyList<NoticeDetail.ItemView> Items, IReadOnlyList<string> AllowedSteps, NoticeDetail.ProposalView Proposal,
    IReadOnlyList<NoticeDetail.ActionView> Actions, IReadOnlyList<NoticeFileInfo> Files, IReadOnlyList<NoticeDetail.StepView> Events, string DocumentUrl,
    string? AnsweredBy)
{
    public sealed record ItemView(
        int No, string Finding, string Source, string State, string StateName, string? Measures, string? Evidence, IReadOnlyList<NoticeFileInfo> Files,
        DateOnly? SubmittedOn, string? VerifiedBy, DateTime? VerifiedAtUtc, string? ReturnReason, bool MayRecord, bool MayVerify);

    /// <summary>What the governing pack proposes after a missed deadline; applies says whether it applies to this notice now.</summary>
    public sealed record ProposalView(bool Applies, bool Silent, string Explanation, IReadOnlyList<ProposedActionView> Actions);

    public sealed record ProposedActionView(string Kind, string KindName, string Text, string? Source, bool PlatformDefault);

    public sealed record ActionView(string Kind, string KindName, DateOnly TakenOn, string? DocumentNumber, string? Note, string RecordedBy, DateTime RecordedAtUtc);

    public sealed record StepView(DateTime AtUtc, int? Item, string User, string Action, string? Note, bool OnBehalf);
}

public sealed record NoticeRecipientItem(string Kind, string KindName, int Id, string Name, string Place);

/// <summary>/api/v1/notices (督办通知书、限期整改): the same rules and scope as the pages, through <see cref="NoticeService"/>.</summary>
public static class NoticesApi
{
    public static void MapNoticesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notices").WithTags("督办通知书");

        group.MapGet("/", async (HttpContext http, NoticeService service, int page = 1, int pageSize = 50,
            [Description("状态：issued（已下发）、overdue（逾期）、rectified（已整改）、handled（已处理），也可写中文")] string? status = null,
            [Description("整改对象类型：town（专业镇）、township（乡镇）、unit（单位）")] string? recipientKind = null,
            [Description("发文年度，如 2025")] int? year = null, [Description("true 只列逾期未整改的通知书")] bool overdue = false,
            [Description("年度评估编号（/api/v1/evaluations 中的 id）：该评估督办的通知书")] int? evaluationId = null, string? search = null,
            [Description("排序：issued（下发日期）、deadline（整改期限）、number（文号），前加 - 为倒序")] string? sort = null,
            CancellationToken ct = default) =>
        {
            if (ApiSupport.CheckPaging(page, pageSize) is { } bad) return (IResult)bad;
            if (!CodeLists.TryParse<NoticeStatus>(status, out var s))
                return ApiSupport.Invalid("status", $"未知的状态“{status}”，可用 issued（已下发）、overdue（逾期）、rectified（已整改）、handled（已处理）");
            if (!CodeLists.TryParse<RecipientKind>(recipientKind, out var k))
                return ApiSupport.Invalid("recipientKind", $"未知的整改对象类型“{recipientKind}”，可用 town（专业镇）、township（乡镇）、unit（单位）");
            if (year is { } y && Core.CalendarBounds.YearProblem(y, "年份") is { } yearProblem) return ApiSupport.Invalid("year", yearProblem);
            var (sorted, badSort) = ApiSupport.Sort(sort, NoticeFilter.SortKeys);
            if (badSort is not null) return badSort;
            var list = await service.ListAsync(http.Scope(), new NoticeFilter
            {
                Status = s, RecipientKind = k, Year = year, Overdue = overdue, EvaluationId = evaluationId, Search = search, Sort = sorted, Page = page, PageSize = pageSize,
            }, ct);
            return TypedResults.Ok(new Paged<NoticeSummary>(list.Items.Select(Summary).ToList(), list.Total, list.Page, list.PageSize));
        }).WithSummary("督办通知书（分页）：可按状态（已下发、逾期、已整改、已处理）、整改对象类型、发文年度、逾期、年度评估编号、关键词筛选；sort=issued|deadline|number，前加 - 为倒序");

        group.MapGet("/{id:int}", async Task<Results<Ok<NoticeDetail>, ProblemHttpResult>> (int id, HttpContext http, NoticeService service, CancellationToken ct) =>
        {
            try { return TypedResults.Ok(Detail(await service.ViewAsync(http.Scope(), id, http.DisplayName(), ct))); }
            catch (NoticeNotFoundException) { return ApiSupport.NotFound("督办通知书"); }
        }).WithSummary("一份督办通知书：各项问题及其整改、核验，逾期时政策文件提出的处理，已采取的处理，办理记录与当前用户可办理的步骤");

        group.MapPost("/", async Task<Results<Created<NoticeDetail>, ProblemHttpResult>> (NewNotice body, HttpContext http, NoticeService service, CancellationToken ct) =>
        {
            var scope = http.Scope();
            if (!NoticeService.CanIssue(scope)) return Forbidden();
            var errors = new FieldErrors();
            var draft = Draft(body, "", errors);
            try
            {
                if (!errors.Ok)
                {
                    foreach (var (f, m) in await service.ValidateAsync(scope, draft, ct)) errors.TryAdd(f, m);
                    return Invalid(errors, "");
                }
                var id = await service.CreateAsync(scope, http.DisplayName(), draft, ct);
                return TypedResults.Created($"/api/v1/notices/{id}", Detail(await service.ViewAsync(scope, id, http.DisplayName(), ct)));
            }
            catch (NoticeInputException ex) { return Invalid(ex.Errors, ""); }
            catch (NoticeRuleException ex) { return Rule(ex); }
        }).WithSummary("下发督办通知书：整改对象（recipientKind + recipientId）、督办依据、可选年度评估编号、问题及来源、整改期限、联系人、联系电话、抄送；发文字号自动编号")
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：只有领导小组办公室可以下发督办通知书")
            .Refuses(StatusCodes.Status409Conflict);

        group.MapPost("/batch", async Task<Results<Created<IReadOnlyList<NoticeSummary>>, ProblemHttpResult>> (NewNoticeBatch body, HttpContext http, NoticeService service, CancellationToken ct) =>
        {
            var scope = http.Scope();
            if (!NoticeService.CanIssue(scope)) return Forbidden();
            var items = body.Notices ?? [];
            var errors = new FieldErrors();
            var drafts = items.Select((n, i) => Draft(n, $"notices[{i}].", errors)).ToList();
            if (!errors.Ok) return Invalid(errors, "");
            try
            {
                var ids = await service.CreateManyAsync(scope, http.DisplayName(), drafts, ct);
                var rows = (await service.ItemsAsync(scope, ids, ct)).ToDictionary(n => n.Id);
                IReadOnlyList<NoticeSummary> created = ids.Select(id => Summary(rows[id])).ToList();
                return TypedResults.Created("/api/v1/notices", created);
            }
            catch (NoticeBatchException ex)
            {
                var all = new FieldErrors();
                foreach (var (i, e) in ex.Errors) foreach (var (f, m) in e) all[$"notices[{i}].{Camel(f)}"] = $"第 {i + 1} 份：{m}";
                return Invalid(all, "");
            }
            catch (NoticeRuleException ex) { return Rule(ex); }
        }).WithSummary("一次下发多份督办通知书（如年度评估排名靠后的对象）：全部通过检查才下发，任一份有误则一份也不下发并逐份指出")
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：只有领导小组办公室可以下发督办通知书")
            .Refuses(StatusCodes.Status409Conflict);

        group.MapGet("/recipients", async (HttpContext http, NoticeService service, CancellationToken ct) =>
        {
            if (!NoticeService.CanIssue(http.Scope())) return (IResult)Forbidden();
            var list = await service.RecipientsAsync(http.Scope(), ct);
            return TypedResults.Ok(list.Select(r => new NoticeRecipientItem(ProjectsApi.Key(r.Kind), NoticeNames.Chinese(r.Kind), r.Id, r.Name, r.Place)).ToList());
        }).WithSummary("可作为整改对象的专业镇、乡镇（街道）和单位（本人数据范围内）")
            .Produces<List<NoticeRecipientItem>>()
            .Refuses(StatusCodes.Status403Forbidden, "无权办理：只有领导小组办公室可以下发督办通知书");

        group.MapPost("/{id:int}/items/{no:int}/rectification", async Task<Results<Ok<NoticeDetail>, ProblemHttpResult>> (int id, [Description("问题序号：通知书中第几项问题（从 1 开始）")] int no, RectificationBody body, HttpContext http, NoticeService service, CancellationToken ct) =>
            await StepAsync(http, service, id, ct, (s, u) => service.RecordAsync(s, u, id, no, new RectificationInput(body.Measures, body.Evidence, body.AttachmentId), ct)))
            .WithSummary("填报一项问题的整改情况：整改措施、佐证材料说明；佐证文件经 …/items/{no}/files 逐个上传（也可以 attachmentId 引用经 …/files 上传、尚未对应问题的文件）；报送前可修改")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status409Conflict);

        group.MapPost("/{id:int}/submit", async Task<Results<Ok<NoticeDetail>, ProblemHttpResult>> (int id, HttpContext http, NoticeService service, CancellationToken ct) =>
            await StepAsync(http, service, id, ct, (s, u) => service.SubmitAsync(s, u, id, ct)))
            .WithSummary("报送已填报的整改情况，交办公室核验")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status409Conflict);

        group.MapPost("/{id:int}/items/{no:int}/verification", async Task<Results<Ok<NoticeDetail>, ProblemHttpResult>> (int id, [Description("问题序号：通知书中第几项问题（从 1 开始）")] int no, VerificationBody body, HttpContext http, NoticeService service, CancellationToken ct) =>
        {
            bool? accept = body.Decision?.Trim() switch { "accept" or "通过" => true, "return" or "退回" => false, _ => null };
            if (accept is null) return ApiSupport.Invalid("decision", "decision 应为 accept（通过）或 return（退回）");
            return await StepAsync(http, service, id, ct, (s, u) => service.VerifyAsync(s, u, id, no, accept.Value, body.Reason, ct));
        }).WithSummary("核验一项整改：通过，或写明理由退回重新整改；全部通过即为已整改")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status409Conflict);

        group.MapPost("/{id:int}/actions", async Task<Results<Ok<NoticeDetail>, ProblemHttpResult>> (int id, NoticeActionsBody body, HttpContext http, NoticeService service, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var actions = new List<ActionInput>();
            foreach (var (a, i) in (body.Actions ?? []).Select((a, i) => (a, i)))
            {
                if (!CodeLists.TryParse<NoticeActionKind>(a.Kind, out var kind) || kind is null)
                    errors[$"actions[{i}].kind"] = $"未知的处理方式“{a.Kind}”，可用 public-criticism（通报批评）、interview（约谈）、other（其他）";
                var on = Date(a.TakenOn, $"actions[{i}].takenOn", errors);
                if (kind is { } k) actions.Add(new ActionInput(k, on, a.DocumentNumber, a.Note));
            }
            if (!errors.Ok) return Invalid(errors, "");
            return await StepAsync(http, service, id, ct, (s, u) => service.RecordActionsAsync(s, u, id, actions, ct));
        }).WithSummary("逾期后记录实际采取的处理（通报批评、约谈或其他：日期、文号、说明），通知书即为已处理")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status409Conflict);

        group.MapGet("/{id:int}/items/{no:int}/files", async Task<Results<Ok<IReadOnlyList<NoticeFileInfo>>, ProblemHttpResult>> (int id, [Description("问题序号：通知书中第几项问题（从 1 开始）")] int no, HttpContext http, NoticeService service, CancellationToken ct) =>
        {
            try { return TypedResults.Ok(await service.ItemFilesAsync(http.Scope(), id, no, ct)); }
            catch (NoticeNotFoundException) { return ApiSupport.NotFound("督办通知书"); }
            catch (NoticeRuleException ex) { return Rule(ex); }
        }).WithSummary("一项问题的佐证文件（按上传先后）；下载用 …/files/{fileId}");

        group.MapPost("/{id:int}/items/{no:int}/files", async Task<Results<Created<NoticeFileInfo>, ProblemHttpResult>> (int id, [Description("问题序号：通知书中第几项问题（从 1 开始）")] int no, NoticeFileBody body, HttpContext http, NoticeService service, CancellationToken ct) =>
        {
            var (name, content, bad) = FileContent(body);
            if (bad is not null) return bad;
            try
            {
                var file = await service.AddItemFileAsync(http.Scope(), http.DisplayName(), id, no, name!, content!, ct);
                return TypedResults.Created($"/api/v1/notices/{id}/files/{file.Id}", file);
            }
            catch (NoticeNotFoundException) { return ApiSupport.NotFound("督办通知书"); }
            catch (NoticeRuleException ex) when (ex.Field == "file") { return ApiSupport.Invalid("content", ex.Message); }
            catch (NoticeRuleException ex) { return Rule(ex); }
        }).WithSummary($"给一项问题上传一个佐证文件（base64）：报送前可增删，每项最多 {NoticeFile.MaxPerItem} 个；报送后只读，退回后可再增删")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status409Conflict);

        group.MapDelete("/{id:int}/items/{no:int}/files/{fileId:int}", async Task<Results<Ok<NoticeDetail>, ProblemHttpResult>> (int id, [Description("问题序号：通知书中第几项问题（从 1 开始）")] int no, [Description("佐证文件编号")] int fileId, HttpContext http, NoticeService service, CancellationToken ct) =>
            await StepAsync(http, service, id, ct, (s, u) => service.RemoveItemFileAsync(s, u, id, no, fileId, ct)))
            .WithSummary("删除一项问题的一个佐证文件（报送前；报送后只读）")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict);

        group.MapPost("/{id:int}/files", async Task<Results<Created<NoticeFileInfo>, ProblemHttpResult>> (int id, NoticeFileBody body, HttpContext http, NoticeService service, CancellationToken ct) =>
        {
            var (name, content, bad) = FileContent(body);
            if (bad is not null) return bad;
            try
            {
                var file = await service.UploadAsync(http.Scope(), http.DisplayName(), id, name!, content!, ct);
                return TypedResults.Created($"/api/v1/notices/{id}/files/{file.Id}", file);
            }
            catch (NoticeNotFoundException) { return ApiSupport.NotFound("督办通知书"); }
            catch (NoticeRuleException ex) when (ex.Field is not null) { return ApiSupport.Invalid(ex.Field == "file" ? "content" : ex.Field, ex.Message); }
            catch (NoticeRuleException ex) { return Rule(ex); }
        }).WithSummary("上传一个尚未对应问题的佐证文件（base64），再在填报整改情况时以 attachmentId 引用；给某项问题上传请用 …/items/{no}/files")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status409Conflict);

        group.MapGet("/{id:int}/files", async Task<Results<Ok<IReadOnlyList<NoticeFileInfo>>, ProblemHttpResult>> (int id, HttpContext http, NoticeService service, CancellationToken ct) =>
        {
            try { return TypedResults.Ok(await service.NoticeFilesAsync(http.Scope(), id, ct)); }
            catch (NoticeNotFoundException) { return ApiSupport.NotFound("督办通知书"); }
        }).WithSummary($"通知书的全部佐证文件（按上传先后）：item 为问题序号，为 null 的是经 …/files 上传、尚未对应问题的文件；都计入每份最多 {NoticeFile.MaxFiles} 个的限额");

        group.MapDelete("/{id:int}/files/{fileId:int}", async Task<Results<Ok<NoticeDetail>, ProblemHttpResult>> (int id, [Description("佐证文件编号")] int fileId, HttpContext http, NoticeService service, CancellationToken ct) =>
            await StepAsync(http, service, id, ct, (s, u) => service.RemoveFileAsync(s, u, id, fileId, ct)))
            .WithSummary("删除一个佐证文件：尚未对应问题的，在通知书整改完成前可删除；已对应某项问题的，按该项的规则（报送前可删，报送后只读）")
            .Refuses(StatusCodes.Status403Forbidden)
            .Refuses(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict);

        group.MapGet("/{id:int}/files/{fileId:int}", async (int id, [Description("佐证文件编号（上传时返回的 id）")] int fileId, HttpContext http, NoticeService service, CancellationToken ct) =>
            await service.FileAsync(http.Scope(), id, fileId, ct) is { } file
                ? (IResult)TypedResults.File(file.Content, file.ContentType, file.FileName)
                : ApiSupport.NotFound("佐证文件"))
            .WithSummary("下载一个佐证文件");

        group.MapGet("/{id:int}/document", async (int id, HttpContext http, NoticeService service, CancellationToken ct) =>
        {
            try
            {
                var (content, name) = await service.DocumentAsync(http.Scope(), id, ct);
                return (IResult)TypedResults.File(content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
            }
            catch (NoticeNotFoundException) { return ApiSupport.NotFound("督办通知书"); }
        }).WithSummary("督办通知书正式文本（.docx，GB/T 9704-2012 公文格式）");
    }

    private static async Task<Results<Ok<NoticeDetail>, ProblemHttpResult>> StepAsync(HttpContext http, NoticeService service, int id, CancellationToken ct, Func<Data.Accounts.UserScope, string, Task> step)
    {
        var scope = http.Scope();
        try
        {
            await step(scope, http.DisplayName());
            return TypedResults.Ok(Detail(await service.ViewAsync(scope, id, http.DisplayName(), ct)));
        }
        catch (NoticeNotFoundException) { return ApiSupport.NotFound("督办通知书"); }
        catch (NoticeRuleException ex) { return Rule(ex); }
    }

    /// <summary>The file a body carries, or why it cannot be read (no name, content not base64).</summary>
    private static (string? Name, byte[]? Content, ProblemHttpResult? Bad) FileContent(NoticeFileBody body)
    {
        if (string.IsNullOrWhiteSpace(body.FileName)) return (null, null, ApiSupport.Invalid("fileName", "请给出文件名（含扩展名）"));
        try { return (body.FileName, Convert.FromBase64String(body.Content ?? ""), null); }
        catch (FormatException) { return (null, null, ApiSupport.Invalid("content", "content 应为文件内容的 base64 编码")); }
    }

    private static NoticeDraft Draft(NewNotice body, string prefix, FieldErrors errors)
    {
        if (!CodeLists.TryParse<RecipientKind>(body.RecipientKind, out var kind))
            errors[prefix + "recipientKind"] = $"未知的整改对象类型“{body.RecipientKind}”，可用 town（专业镇）、township（乡镇）、unit（单位）";
        return new NoticeDraft
        {
            RecipientKind = kind, RecipientId = body.RecipientId, Subject = body.Subject, Addressee = body.Addressee, Basis = body.Basis,
            EvaluationId = body.EvaluationId,
            Findings = (body.Findings ?? []).Select(f => new NoticeFinding(f?.Text ?? "", f?.Source ?? "")).ToList(),
            Deadline = Date(body.Deadline, prefix + "deadline", errors),
            ContactName = body.ContactName, ContactPhone = body.ContactPhone, CopyTo = body.CopyTo ?? [],
        };
    }

    private static ProblemHttpResult Forbidden() =>
        TypedResults.Problem(title: "没有权限", detail: "只有领导小组办公室可以下发督办通知书", statusCode: StatusCodes.Status403Forbidden);

    // A step refused for the notice's state is 409, one that is not the person's part in it 403, a field at fault 400.
    private static ProblemHttpResult Rule(NoticeRuleException ex) => ApiSupport.Refused(ex);

    /// <summary>Every refused field at once, named as the JSON body names it: findings[0].text, notices[1].deadline.</summary>
    private static ProblemHttpResult Invalid(FieldErrors errors, string prefix)
    {
        // The body's check ("deadline": not a date) and the service's ("Deadline": required) can name one field twice;
        // the first, more precise message stands.
        var byField = errors.GroupBy(e => prefix + Camel(e.Key)).ToDictionary(g => g.Key, g => new[] { g.First().Value });
        return TypedResults.Problem(title: "提交的内容有误", detail: string.Join("；", byField.Values.Select(v => v[0])), statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = byField });
    }

    /// <summary>RecipientId → recipientId, Findings[0].Text → findings[0].text; keys already in camelCase stay.</summary>
    private static string Camel(string field) =>
        string.Join(".", field.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));

    private static DateOnly? Date(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors[field] = $"“{text}”不是有效的日期，请写成 2025-03-05 的格式";
        return null;
    }

    private static string LightKey(DeadlineLight light) => ProjectsApi.Key(light);

    private static NoticeSummary Summary(NoticeListItem n) => new(
        n.Id, n.DocumentNumber, n.IssuingOffice, ProjectsApi.Key(n.RecipientKind), NoticeNames.Chinese(n.RecipientKind), n.RecipientName, n.Addressee, n.Area,
        n.Subject, n.Basis, n.EvaluationId, n.IssuedOn, n.Deadline, ProjectsApi.Key(n.Status), NoticeNames.Chinese(n.Status), LightKey(n.Light),
        n.Items, n.Accepted, n.AwaitingVerification);

    private static NoticeDetail Detail(NoticeView v)
    {
        var n = v.Notice;
        var applies = n.MissedDeadline(v.Today);
        return new NoticeDetail(
            n.Id, n.DocumentNumber, n.IssuingOffice, ProjectsApi.Key(n.RecipientKind), NoticeNames.Chinese(n.RecipientKind),
            n.RecipientTownId ?? n.RecipientTownshipId ?? n.RecipientUnitId ?? 0, n.RecipientName, n.Addressee, v.Area, v.AreaPath, n.Subject, n.Basis,
            n.EvaluationId, n.IssuedOn, n.Deadline, ProjectsApi.Key(v.Status), NoticeNames.Chinese(v.Status), LightKey(v.Light),
            n.ContactName, n.ContactPhone, n.CopyTo, n.PolicyPackId, n.OverdueConsequence,
            n.Items.OrderBy(i => i.Position).Select(i => new NoticeDetail.ItemView(
                i.Position, i.Finding, i.Source, ProjectsApi.Key(i.State), NoticeNames.Chinese(i.State), i.Measures, i.Evidence, v.FilesOf(i.Position),
                i.SubmittedOn, i.VerifiedBy, i.VerifiedAtUtc, i.ReturnReason, v.Recordable.Contains(i.Position), v.Verifiable.Contains(i.Position))).ToList(),
            v.Steps.Select(s => ProjectsApi.Key(s)).ToList(),
            new NoticeDetail.ProposalView(applies, v.Proposal.Silent, v.Proposal.Explanation, v.Proposal.Actions.Select(a => new NoticeDetail.ProposedActionView(
                ProjectsApi.Key(a.Kind), NoticeNames.Chinese(a.Kind), a.Text, a.Source, a.PlatformDefault)).ToList()),
            n.Actions.OrderBy(a => a.Id).Select(a => new NoticeDetail.ActionView(ProjectsApi.Key(a.Kind), NoticeNames.Chinese(a.Kind), a.TakenOn, a.DocumentNumber, a.Note, a.RecordedBy, a.RecordedAtUtc)).ToList(),
            v.Files,
            n.Events.OrderBy(e => e.Id).Select(e => new NoticeDetail.StepView(e.AtUtc, e.ItemPosition, e.UserName, e.Action, e.Note, e.OnBehalf)).ToList(),
            $"/api/v1/notices/{n.Id}/document", v.AnsweredBy);
    }
}
