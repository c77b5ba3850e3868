using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using SpecializedTowns.Data.Audit;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// What model binding says when a typed field cannot read what was written, said for the field's type: a clerk who typed
/// “七十” into 进展（%）is told to write digits, one who typed 2024/13/01 is shown the date format. Without it every type
/// gets the one message of Program.cs (“abc”不是有效的值), which says nothing about what to write instead.
/// Registered after MVC's own provider, which gives each field a copy of the global messages to change.
/// </summary>
public sealed class BindingMessagesByType : IBindingMetadataProvider
{
    public void CreateBindingMetadata(BindingMetadataProviderContext context)
    {
        if (context.BindingMetadata.ModelBindingMessageProvider is not DefaultModelBindingMessageProvider messages) return;
        var type = Nullable.GetUnderlyingType(context.Key.ModelType) ?? context.Key.ModelType;
        var field = context.Attributes.OfType<DisplayAttribute>().FirstOrDefault()?.GetName();
        if (For(type, context.Key.Name, field) is not { } say) return;
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => say(value));
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(say);
        messages.SetValueIsInvalidAccessor(say);
    }

    /// <summary>
    /// The message for a value the type cannot read, or null for a type that keeps the general one. A number named …Id is
    /// a choice from a list (牵头单位), a Year a year; their names say so where the type cannot. <paramref name="field"/> is
    /// the field's Chinese name (its [Display]), for a choice from a list of options.
    /// </summary>
    public static Func<string, string>? For(Type type, string? name = null, string? field = null)
    {
        if (type == typeof(int) && name is { Length: > 2 } && name.EndsWith("Id", StringComparison.Ordinal))
            return value => $"{Quoted(value)}不是可选的项，请从列表中选择";
        if (type == typeof(int) && name is "Year" or "year")
            return value => $"{Quoted(value)}不是年份，请填写四位数字，如 2025";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
            return value => Digits(value) ? $"{Quoted(value)}太大了，请核对位数" : $"{Quoted(value)}不是整数，请填写阿拉伯数字";
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
            return value => Digits(value) ? $"{Quoted(value)}太大了，请核对位数" : $"{Quoted(value)}不是数字，请填写阿拉伯数字";
        if (type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
            return value => $"{Quoted(value)}不是有效的日期，请写成 2025-03-05 的格式";
        if (type.IsEnum)
        {
            var message = OnlyFromList(type, field);
            return _ => message;
        }
        return null;
    }

    /// <summary>
    /// An option the form did not offer. What came is never repeated: a select's values are the options' code names
    /// (InProduction), a word the clerk never saw; an old bookmark or a hand-made address brings one that is no longer an
    /// option. So the message names the field and the options, as the list shows them.
    /// </summary>
    private static string OnlyFromList(Type enumType, string? field)
    {
        var options = Enum.GetValues(enumType).Cast<Enum>().Select(EnumNames.Chinese)
            .Where(name => name.Any(c => c > '\u007f')).Distinct().ToList();
        var listed = options.Count == 0 ? "" : options.Count <= MaxListed
            ? $"（{string.Join("、", options)}）"
            : $"（{string.Join("、", options.Take(MaxListed))} 等 {options.Count} 项）";
        return field is null ? $"只能从列表中选择{listed}" : $"“{field}”只能从列表中选择{listed}";
    }

    private const int MaxListed = 8;

    /// <summary>
    /// What was typed, in quotation marks, cut short when long: a page of text pasted into a number field is named by its
    /// beginning and its length, not repeated in red beside the field.
    /// </summary>
    public static string Quoted(string value) =>
        value.Length <= MaxQuoted ? $"“{value}”" : $"“{value[..MaxQuoted]}……”（共 {value.Length} 字）";

    private const int MaxQuoted = 20;

    // Only digits (a sign first at most): a whole number, just one with more digits than the field holds.
    private static bool Digits(string value)
    {
        var digits = value.Trim().TrimStart('-', '+');
        return digits.Length > 0 && digits.All(char.IsAsciiDigit);
    }
}
