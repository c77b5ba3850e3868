namespace SpecializedTowns.Data.Documents;

/// <summary>One problem the notice lists, with where it was found (an indicator of the evaluation, a 督查, a ledger entry).</summary>
public sealed record SupervisionFinding(string Text, string Source);

/// <summary>The person the recipient reports back to.</summary>
public sealed record NoticeContact(string Name, string Phone);

/// <summary>
/// What a 督办通知书 needs. Every fact in the notice comes from here: the builder adds only the fixed wording
/// of the document kind, never a policy, an amount or a consequence of its own.
/// </summary>
public sealed record SupervisionNoticeInput
{
    /// <summary>The office that issues, signs and prints the notice, e.g. "××县专业镇发展领导小组办公室".</summary>
    public required string IssuingOffice { get; init; }

    /// <summary>发文字号, e.g. "垣专办督〔2025〕3号".</summary>
    public required string DocumentNumber { get; init; }

    /// <summary>主送机关: the township, unit or specialized town's lead body that must put things right.</summary>
    public required string Recipient { get; init; }

    /// <summary>The work concerned, completing "关于{Subject}的督办通知书", e.g. "皋落铸造专业镇建设工作".</summary>
    public required string Subject { get; init; }

    /// <summary>What the findings rest on, completing "根据{Basis}", e.g. "2024年度专业镇发展评估结果".</summary>
    public required string Basis { get; init; }

    public required IReadOnlyList<SupervisionFinding> Findings { get; init; }

    /// <summary>限期整改: the last day to finish and report.</summary>
    public required DateOnly Deadline { get; init; }

    /// <summary>What follows a missed deadline as the policy pack says (e.g. "将予以通报批评"); left out when null.</summary>
    public string? OverdueConsequence { get; init; }

    public required NoticeContact Contact { get; init; }

    public IReadOnlyList<string> CopyTo { get; init; } = [];

    /// <summary>成文日期; also the 印发日期.</summary>
    public required DateOnly IssuedOn { get; init; }
}

/// <summary>Builds the wording of a 督办通知书 (issue 5: the notice a laggard receives after the annual evaluation).</summary>
public static class SupervisionNotice
{
    public static OfficialDocument Build(SupervisionNoticeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Findings.Count == 0)
            throw new ArgumentException("A supervision notice needs at least one finding.", nameof(input));

        var deadline = OfficialDocument.FormatDate(input.Deadline);
        var body = new List<DocumentBlock>
        {
            new DocumentBlock.Paragraph(
                $"根据{input.Basis}，你单位在{input.Subject}中存在以下问题。现予督办，请高度重视，认真整改。"),
            new DocumentBlock.Heading1("存在的主要问题"),
        };
        body.AddRange(input.Findings.Select(f =>
            new DocumentBlock.Heading2(Sentence(f.Text), $"（问题来源：{f.Source.Trim()}）")));

        body.Add(new DocumentBlock.Heading1("整改要求"));
        body.Add(new DocumentBlock.Paragraph(
            "请你单位对照上述问题逐项制定整改措施，明确责任人和完成时限，" +
            $"于{deadline}前完成整改，并将整改情况及佐证材料书面报送{input.IssuingOffice}。"
            + (string.IsNullOrWhiteSpace(input.OverdueConsequence) ? "" : $"逾期未完成整改的，{Sentence(input.OverdueConsequence)}")));
        body.Add(new DocumentBlock.Paragraph($"联系人：{input.Contact.Name}，联系电话：{input.Contact.Phone}。"));

        return new OfficialDocument
        {
            IssuingAuthority = input.IssuingOffice,
            DocumentNumber = input.DocumentNumber,
            Title = $"关于{input.Subject}的督办通知书",
            MainRecipient = input.Recipient,
            Body = body,
            Signature = input.IssuingOffice,
            Date = input.IssuedOn,
            CopyTo = input.CopyTo,
            PrintedBy = input.IssuingOffice,
            PrintedOn = input.IssuedOn,
        };
    }

    // Findings and consequences arrive as phrases or sentences; in the notice each ends with exactly one 。.
    private static string Sentence(string text) => text.Trim().TrimEnd('。', '.', '；', ';', '，', ',') + "。";
}
