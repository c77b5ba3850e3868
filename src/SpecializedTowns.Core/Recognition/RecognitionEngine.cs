using SpecializedTowns.Core.Policies;

namespace SpecializedTowns.Core.Recognition;

/// <summary>
/// Checks a town's facts against a recognition standard, reading the texts as
/// contracts/recognition-check.md says (docs/decisions/0003 for the cases two rules both reach).
/// Pure: the standard comes from a policy pack.
/// </summary>
public static class RecognitionEngine
{
    public static RecognitionResult Evaluate(RecognitionStandard standard, TownFacts facts)
    {
        var criteria = new List<CriterionResult>();
        var gaps = new List<Gap>();
        foreach (var criterion in standard.Criteria)
        {
            var (result, gap) = EvaluateCriterion(criterion, facts);
            result = ApplyExpert(criterion, result, facts) with { Title = criterion.Title, Citation = standard.Cite(result.Source) };
            // A number the office entered is not the text's: the check says whose it is and where it comes from.
            // Its 出处 is the one the office entered, not the pack's “待办公室配置” (qa110 6).
            if (criterion.Entered?.GetValueOrDefault(criterion.ByCategory is null ? "" : facts.Category) is { } entered)
                result = result with { Explanation = result.Explanation + EnteredThresholds.Origin(entered), Citation = entered.Source };
            criteria.Add(result);
            // A criterion the expert panel settled as met has no gap left to close.
            if (gap is not null && result.Result != Results.Met) gaps.Add(gap);
        }

        var outcome =
            criteria.Any(c => c.Result == Results.NotMet) ? Results.Ineligible :
            criteria.Any(c => c.Result is Results.NeedsReview or Results.MissingData) ? Results.NeedsReview :
            Results.Eligible;

        var hits = standard.PriorityFactors
            .Where(f => facts.Designations.Contains(f.Key))
            .Select(f => new PriorityFactorHit(f.Key, f.Title, f.Source))
            .ToList();

        var unset = criteria.Where(c => c.Unset).Select(c => c.Title).ToList();
        return new RecognitionResult(standard.Id, outcome, criteria)
        {
            NotConfigured = unset.Count == 0 ? null : UnsetThresholds.NotRecognisable(standard, unset),
            StandardName = standard.Name,
            Tier = standard.Tier,
            PriorityFactors = hits,
            Gaps = gaps.Select(GapView.From).ToList(),
        };
    }

    // Rule 9: an expert conclusion settles only what the text could not. A number the office has not yet entered is not
    // something the text left to judgement: the panel's view is recorded beside it, and the criterion stays open (qa96 1).
    private static CriterionResult ApplyExpert(Criterion c, CriterionResult r, TownFacts facts)
    {
        if (r.Result is not (Results.NeedsReview or Results.MissingData)) return r;
        if (!facts.ExpertConclusions.TryGetValue(c.Key, out var conclusion)) return r;
        if (r.Unset)
            return r with { Explanation = $"{r.Explanation}；专家评审意见：{(conclusion ? "符合" : "不符合")}（数值标准未配置，不能作为认定结论）" };
        return conclusion
            ? r with { Result = Results.Met, Explanation = r.Explanation + "；专家评审结论：符合" }
            : r with { Result = Results.NotMet, Explanation = r.Explanation + "；专家评审结论：不符合" };
    }

    private static (CriterionResult, Gap?) EvaluateCriterion(Criterion c, TownFacts facts) => c.Kind switch
    {
        "category" => (Category(c, facts), null),
        "threshold" => Threshold(c, facts),
        "principle" => (Principle(c, facts), null),
        _ => (new CriterionResult(c.Key, Results.NeedsReview, $"{c.Title}：文本未给出量化标准（{c.Text}），需专家评审", c.Source), null),
    };

    private static CriterionResult Category(Criterion c, TownFacts facts)
    {
        var named = string.Join("、", c.Categories.Select(IndustryCategories.NameOf));
        var name = IndustryCategories.NameOf(facts.Category);
        return c.Categories.Contains(facts.Category)
            ? new(c.Key, Results.Met, $"{name}属于本标准的认定领域（{named}）", c.Source)
            : new(c.Key, Results.NotMet, $"{name}不在本标准的认定领域内（{named}）", c.Source);
    }

    private static CriterionResult Principle(Criterion c, TownFacts facts)
    {
        var label = FactNames.Boolean[c.Fact!];
        return facts.Flag(c.Fact!) switch
        {
            true => new(c.Key, Results.Met, $"{label}，符合要求", c.Source),
            false => new(c.Key, Results.NeedsReview, $"申报材料表明不满足“{label}”；文本为“原则上”要求，不直接否决，需评审", c.Source),
            null => new(c.Key, Results.MissingData, $"缺少“{label}”的情况说明，无法判断", c.Source),
        };
    }

    private static (CriterionResult, Gap?) Threshold(Criterion c, TownFacts facts)
    {
        var fact = c.Fact!;
        var label = FactNames.Numeric[fact];
        var prefix = c.ByCategory is not null ? $"{IndustryCategories.NameOf(facts.Category)}类" : "";
        decimal? threshold = c.ByCategory is not null ? c.ByCategory.GetValueOrDefault(facts.Category) : c.Value;

        if (threshold is null)
        {
            var why = c.ByCategory is not null && !c.ByCategory.ContainsKey(facts.Category)
                ? $"本标准未规定{prefix}{c.Title}的数值标准"
                : $"文本未给出{c.Title}的数值标准，待办公室配置";
            return (new(c.Key, Results.NeedsReview, $"{why}，需评审", c.Source) { Unset = UnsetThresholds.IsUnset(c, facts.Category) }, null);
        }

        var value = facts.Number(fact);
        if (value is null)
        {
            var required = Quantity.Exact(threshold.Value, c.Unit) + (c.Reading == "about" ? "左右" : "");
            return (ClaimOr(c, facts, $"缺少{prefix}{label}数据（标准：{required}）", Results.MissingData, absentFigure: true), null);
        }

        var (fig, req) = Quantity.Pair(value.Value, threshold.Value, c.Unit);
        var figure = $"{prefix}{label} {fig}";
        if (c.Reading == "about")
        {
            if (value >= threshold)
                return (new(c.Key, Results.Met, $"{figure}，达到“{req}左右”标准", c.Source), null);
            // Rule 2: "左右" tolerates down to 80 % of N, rounded up, for an expert to weigh.
            var floor = Math.Ceiling(threshold.Value * 0.8m);
            var gap = new Gap(c.Key, FactNames.GapNames[fact], threshold.Value - value.Value, c.Unit);
            var floorText = Quantity.Exact(floor, c.Unit);
            return value >= floor
                ? (new(c.Key, Results.NeedsReview, $"{figure}，略低于“{req}左右”，但不低于约数八成（{floorText}），需专家评审", c.Source), gap)
                : (new(c.Key, Results.NotMet, $"{figure}，低于“{req}左右”的容许下限 {floorText}（约数八成）", c.Source), gap);
        }

        if (value >= threshold)
            return (new(c.Key, Results.Met, $"{figure}，达到 {req} 标准", c.Source), null);

        var shortfall = new Gap(c.Key, FactNames.GapNames[fact], threshold.Value - value.Value, c.Unit);
        if (c.Relaxation is { } r)
        {
            // Rule 4: only the relaxation the text states, only above its floor, only with the traditional feature.
            var (_, floorText) = Quantity.Pair(value.Value, r.Floor, c.Unit);
            var feature = FactNames.Boolean[r.Requires];
            // Recognised under the relaxation: the town is held to the floor it was recognised on, year after year.
            if (facts.RelaxedCriteria.Contains(c.Key))
                return value >= r.Floor
                    ? (new(c.Key, Results.Met, $"{figure}，未达到 {req} 标准，但认定时已按放宽条件认定（不少于 {floorText}），仍不低于放宽下限", r.Source ?? c.Source), null)
                    : (new(c.Key, Results.NotMet, $"{figure}，低于认定时放宽认定的下限 {floorText}", r.Source ?? c.Source),
                        new Gap(c.Key, FactNames.GapNames[fact], r.Floor - value.Value, c.Unit));
            if (value < r.Floor)
                return (new(c.Key, Results.NotMet, $"{figure}，未达到 {req} 标准，也低于放宽认定的下限 {floorText}", c.Source), shortfall);
            return facts.Flag(r.Requires) switch
            {
                true => (new(c.Key, Results.NeedsReview, $"{figure}，未达到 {req} 标准，但不低于放宽下限 {floorText}，且{feature}，可在充分考虑发展前景后适当放宽，需评审", r.Source ?? c.Source)
                {
                    Relaxation = $"按放宽条件认定{FactNames.GapNames[fact]}（{fig}，不少于 {Quantity.Pair(r.Floor, threshold.Value, c.Unit).Figure}，{r.Source ?? c.Source}），由专家评审",
                }, shortfall),
                false => (new(c.Key, Results.NotMet, $"{figure}，未达到 {req} 标准；放宽认定（不低于 {floorText}）要求{feature}，申报表明不具备", c.Source), shortfall),
                // Rule 8: whether the relaxation can apply turns on a fact the applicant has not given — not a denial of it.
                null => (new(c.Key, Results.MissingData,
                    $"{figure}，未达到 {req} 标准；申报未说明是否具备“{feature}”（如具备请在申报表中勾选并附证明），具备的可按放宽下限 {floorText} 认定", c.Source), shortfall),
            };
        }

        return (ClaimOr(c, facts, $"{figure}，未达到 {req} 标准", Results.NotMet, absentFigure: false), shortfall);
    }

    // Rule 5: "A 或 B" where B is a claim an expert must confirm.
    private static CriterionResult ClaimOr(Criterion c, TownFacts facts, string aText, string resultWithoutClaim, bool absentFigure)
    {
        if (c.OrClaim is not { } claim)
            return new(c.Key, resultWithoutClaim, aText, c.Source);
        return facts.Flag(claim.Fact) switch
        {
            true => new(c.Key, Results.NeedsReview, $"{aText}；申报称{claim.Text}，需专家确认", c.Source),
            // Rule 8: with the figure itself unknown, a denied claim leaves the criterion open, not failed.
            false when absentFigure => new(c.Key, Results.MissingData, $"{aText}，申报表明不具备“{claim.Text}”，需补充占有率数据", c.Source),
            false => new(c.Key, Results.NotMet, $"{aText}，且申报表明不具备“{claim.Text}”", c.Source),
            null => new(c.Key, Results.MissingData, $"{aText}；未说明是否{claim.Text}", c.Source),
        };
    }
}
