using System.Reflection;
using SpecializedTowns.Core.Commendations;
using SpecializedTowns.Core.Dictionaries;
using SpecializedTowns.Core.Evaluation;
using SpecializedTowns.Core.Notices;
using SpecializedTowns.Core.Problems;
using SpecializedTowns.Core.Projects;
using SpecializedTowns.Core.Recognition;
using SpecializedTowns.Core.Targets;
using SpecializedTowns.Core.Tasks;
using SpecializedTowns.Core.Towns;

namespace SpecializedTowns.Core.Tests.Dictionaries;

public class CodeListTests
{
    public static TheoryData<string> Lists() => [.. CodeLists.All.Select(l => l.Id)];

    private static CodeList List(string id) => CodeLists.Find(id)!;

    [Fact]
    public void Lists_are_named_once_in_menu_groups_and_fit_a_sheet_name()
    {
        CodeLists.All.Select(l => l.Id).ShouldBeUnique();
        CodeLists.All.Select(l => l.Title).ShouldBeUnique();
        CodeLists.All.ShouldAllBe(l => CodeLists.Groups.Contains(l.Group));
        // One sheet per list in the export: Excel allows 31 characters and none of []:*?/\ in a sheet's name.
        var forbidden = new[] { '[', ']', ':', '*', '?', '/', '\\' };
        CodeLists.All.ShouldAllBe(l => l.Title.Length <= 31 && l.Title.IndexOfAny(forbidden) < 0);
        CodeLists.All.Select(l => CodeLists.Groups.ToList().IndexOf(l.Group)).ShouldBeInOrder(SortDirection.Ascending, "the lists follow the menu's order");
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public void An_enumeration_list_has_every_value_once_with_a_code_and_a_name_of_its_own(string id)
    {
        var list = List(id);
        list.Entries.ShouldNotBeEmpty();
        list.Entries.Select(e => e.Code).ShouldBeUnique();
        list.Entries.Select(e => e.Name).ShouldBeUnique();
        list.Entries.Select(e => e.ShortName).ShouldBeUnique();
        list.Entries.ShouldAllBe(e => e.Code.Length > 0 && e.Code == e.Code.ToLowerInvariant() && !e.Code.Contains(' '));
        if (list.EnumType is not { } type) return;
        list.Entries.Select(e => e.Number!.Value).ShouldBe(Enum.GetValues(type).Cast<object>().Select(v => Convert.ToInt32(v)));
        list.Entries.Select(e => e.Code).ShouldBe(Enum.GetNames(type).Select(n => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(n)));
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public void A_value_is_found_by_its_code_in_any_case_or_by_its_chinese_name_but_never_by_its_number(string id)
    {
        var list = List(id);
        foreach (var e in list.Entries)
        {
            list.Find(e.Code).ShouldBe(e);
            list.Find(" " + e.Code.ToUpperInvariant() + " ").ShouldBe(e);
            list.Find(e.Name).ShouldBe(e);
            list.Find(e.ShortName).ShouldBe(e);
            if (e.Number is { } n) list.Find(n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ShouldBeNull();
        }
        list.Find("").ShouldBeNull();
        list.Find(null).ShouldBeNull();
        list.Find("no-such-value").ShouldBeNull();
    }

    [Fact]
    public void Parsing_an_enumeration_reads_the_code_the_name_and_the_old_spelling_and_treats_blank_as_not_given()
    {
        CodeLists.TryParse<ProjectStage>("in-production", out var stage).ShouldBeTrue();
        stage.ShouldBe(ProjectStage.InProduction);
        CodeLists.TryParse<ProjectStage>("InProduction", out stage).ShouldBeTrue();
        stage.ShouldBe(ProjectStage.InProduction);
        CodeLists.TryParse<ProjectStage>("投产", out stage).ShouldBeTrue();
        stage.ShouldBe(ProjectStage.InProduction);
        CodeLists.TryParse<ProjectStage>("  ", out stage).ShouldBeTrue();
        stage.ShouldBeNull();
        CodeLists.TryParse<ProjectStage>("3", out _).ShouldBeFalse();
        CodeLists.TryParse<SpecializedTowns.Core.Notices.RecipientKind>("乡镇", out var recipient).ShouldBeTrue();
        recipient.ShouldBe(SpecializedTowns.Core.Notices.RecipientKind.Township);
    }

    [Fact]
    public void Every_enumeration_of_a_list_can_be_parsed_through_its_list()
    {
        var parse = typeof(CodeLists).GetMethod(nameof(CodeLists.TryParse), BindingFlags.Public | BindingFlags.Static)!;
        foreach (var list in CodeLists.All.Where(l => l.EnumType is not null))
            foreach (var e in list.Entries)
            {
                var args = new object?[] { e.Name, null };
                ((bool)parse.MakeGenericMethod(list.EnumType!).Invoke(null, args)!).ShouldBeTrue($"{list.Id} {e.Name}");
                Convert.ToInt32(args[1]).ShouldBe(e.Number!.Value);
            }
    }

    [Fact]
    public void The_codes_are_the_words_the_platform_already_used_for_these_values()
    {
        // Lists whose values had API words of their own before the 字典: the one rule gives the same words.
        CodeLists.Tier.Entries.Select(e => e.Code).ShouldBe(Enum.GetValues<Tier>().Select(Tiers.Key));
        // 已退出 (decision 0024) is a town's state a pack's standard cannot recognise to: every other code is a pack word.
        CodeLists.Tier.Entries.Select(e => e.Code).Where(c => c != Tiers.Key(Tier.Delisted)).ShouldBe(PackVocabulary.Tiers.Keys, ignoreOrder: true);
        CodeLists.SubjectKind.Entries.Select(e => e.Code).ShouldBe(Enum.GetValues<SubjectKind>().Select(SubjectKinds.Key));
        CodeLists.TaskLight.Entries.Select(e => e.Code).ShouldBe(Enum.GetValues<TaskLight>().Select(TaskLights.Key));
        CodeLists.TargetState.Entries.Select(e => e.Code).ShouldBe(Enum.GetValues<TargetState>().Select(TargetRules.Key));
        CodeLists.AdjustmentKind.Entries.Select(e => e.Code).ShouldBe(Enum.GetValues<AdjustmentKind>().Select(AdjustmentKinds.Key));
        CodeLists.CrossingState.Entries.Select(e => e.Code).ShouldBe(Enum.GetValues<CrossingState>().Select(CrossingStates.Key));
        foreach (var kind in Enum.GetValues<NoticeActionKind>())
            if (NoticeNames.PackKind(kind) is { } packKind) CodeLists.Code(kind).ShouldBe(packKind);
        CodeLists.IndustryCategory.Entries.Select(e => e.Code).ShouldBe(
            [IndustryCategories.Manufacturing, IndustryCategories.SpecialtyAgriculture, IndustryCategories.SpecialtyLightIndustry, IndustryCategories.CultureTourismHealth]);
    }

    [Fact]
    public void The_names_are_those_the_forms_write()
    {
        CodeLists.ProblemCategory.Entries.Select(e => e.Name).ShouldBe(Enum.GetValues<ProblemCategory>().Select(ProblemNames.Chinese));
        CodeLists.EnterpriseRole.Entries.Select(e => e.Name).ShouldBe(["龙头企业", "配套企业", "家庭农场", "专业合作社"]);
        CodeLists.IndustryCategory.Entries.Select(e => e.Name).ShouldBe(IndustryCategories.Names.Values);
        CodeLists.Designation.Entries.Select(e => e.Code).ShouldBe(SpecializedTowns.Core.Enterprises.Designations.Keys);
        CodeLists.Designation.Find("高新技术企业")!.Code.ShouldBe(SpecializedTowns.Core.Enterprises.Designations.HighTech);
        CodeLists.WarningLevel.Entries.Select(e => e.Name).ShouldBe(["绿", "黄", "红"]);
    }

    [Fact]
    public void A_list_that_cites_the_texts_names_a_document_and_a_section()
    {
        foreach (var source in CodeLists.All.SelectMany(l => l.Sources))
            source.ShouldMatch(@"^(垣政办发〔2023〕19号|新政办发〔2023〕33号|阳政办发〔2023〕24号|朔政办发〔2023〕19号|《永济市促进专业镇高质量发展行动计划（2024-2025年）》) [一二三四五六七八九十]");
        CodeLists.ProblemKind.Sources.ShouldContain("新政办发〔2023〕33号 四（三）");
    }
}
