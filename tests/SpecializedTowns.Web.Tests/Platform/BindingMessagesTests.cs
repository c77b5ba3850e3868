using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpecializedTowns.Data.Audit;
using SpecializedTowns.Web.Platform;

namespace SpecializedTowns.Web.Tests.Platform;

/// <summary>What a form says of a value its field's type cannot read (BindingMessagesByType).</summary>
public class BindingMessagesTests
{
    [Fact]
    public void A_whole_number_too_long_for_its_field_is_called_too_large_not_not_a_number()
    {
        BindingMessagesByType.For(typeof(int))!("99999999999999999999").ShouldBe("“99999999999999999999”太大了，请核对位数");
        BindingMessagesByType.For(typeof(decimal))!("-99999999999999999999999999999999").ShouldStartWith("“-999");
        BindingMessagesByType.For(typeof(decimal))!("-99999999999999999999999999999999").ShouldEndWith("太大了，请核对位数");
        BindingMessagesByType.For(typeof(int))!("七十").ShouldBe("“七十”不是整数，请填写阿拉伯数字");
        BindingMessagesByType.For(typeof(decimal))!("12.5万").ShouldBe("“12.5万”不是数字，请填写阿拉伯数字");
    }

    [Fact]
    public void A_page_of_text_in_a_number_field_is_named_by_its_beginning_and_length()
    {
        var pasted = new string('长', 5000);
        var message = BindingMessagesByType.For(typeof(decimal?).GetGenericArguments()[0])!(pasted);
        message.ShouldBe($"“{new string('长', 20)}……”（共 5000 字）不是数字，请填写阿拉伯数字");
        BindingMessagesByType.For(typeof(DateOnly))!(pasted).Length.ShouldBeLessThan(80);
    }

    [Fact]
    public void An_option_the_list_did_not_offer_is_named_by_its_field_and_the_options_never_by_the_code_word_that_came()
    {
        var say = BindingMessagesByType.For(typeof(SpecializedTowns.Core.Enterprises.EnterpriseRole), "Role", "企业类型")!;
        say("Producing").ShouldBe("“企业类型”只能从列表中选择（龙头企业、配套企业、家庭农场、专业合作社）");
        say("99").ShouldBe(say("Producing"));
        // A field without a Chinese name still lists the options, and names no code.
        BindingMessagesByType.For(typeof(SpecializedTowns.Core.Enterprises.EnterpriseRole))!("Producing").ShouldBe("只能从列表中选择（龙头企业、配套企业、家庭农场、专业合作社）");
    }

    /// <summary>
    /// Every list of options a page binds (a select, radio buttons, a filter) has a Chinese name for the message to use, and
    /// options with Chinese names to list: a new form's field fails here until it has them.
    /// </summary>
    [Fact]
    public void Every_option_field_a_page_binds_has_a_chinese_name_and_chinese_options()
    {
        var unnamed = new SortedSet<string>();
        var unlisted = new SortedSet<string>();
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        void Check(string where, Type type, ICustomAttributeProvider member, int depth)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            if (t.IsEnum)
            {
                if (!member.GetCustomAttributes(typeof(DisplayAttribute), false).Any()) unnamed.Add(where);
                if (!EnumNames.Has(t)) unlisted.Add(t.FullName!);
                return;
            }
            if (depth > 2 || t == typeof(string)) return;
            // The items of a list of rows (督办 actions[0].kind) bind by the row type's fields; a list of options (平台功能) is
            // refused by the list's own name (OptionListBinder), so it needs one as a single option does.
            var item = t.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(t) ? t.GetGenericArguments()[^1] : t.IsArray ? t.GetElementType()! : t;
            if (item.IsEnum)
            {
                Check(where, item, member, depth);
                return;
            }
            if (!item.IsClass || item.Assembly.GetName().Name?.StartsWith("SpecializedTowns", StringComparison.Ordinal) != true) return;
            foreach (var p in item.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic))
                Check($"{where}.{p.Name}", p.PropertyType, p, depth + 1);
        }
        foreach (var page in typeof(BindingMessagesByType).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract))
        {
            var all = page.GetCustomAttribute<BindPropertiesAttribute>() is not null;
            foreach (var p in page.GetProperties(Declared).Where(p => all || p.GetCustomAttribute<BindPropertyAttribute>() is not null))
                Check($"{page.FullName}.{p.Name}", p.PropertyType, p, 0);
            foreach (var handler in page.GetMethods(Declared).Where(m => m.Name.StartsWith("OnGet", StringComparison.Ordinal) || m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
                foreach (var parameter in handler.GetParameters())
                    Check($"{page.FullName}.{handler.Name}({parameter.Name})", parameter.ParameterType, parameter, 0);
        }
        unnamed.ShouldBeEmpty("option fields without [Display(Name = …)]: their message could not say which field");
        unlisted.ShouldBeEmpty("options without a Chinese(TEnum) in Core: their message could not list them");
    }
}
