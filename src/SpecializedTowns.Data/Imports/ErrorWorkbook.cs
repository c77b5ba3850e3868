using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace SpecializedTowns.Data.Imports;

/// <summary>
/// The sender's own file sent back with the errors in it: an added 错误说明 column after the last used one, the message
/// naming each bad column, and the bad cells filled red. The workbook keeps its sheets, formatting and row numbers, so the
/// sender fixes it where it is and uploads it again.
/// <para>
/// Written as a stream, so that a 100,000-row file full of errors stays in bounded memory: every part of the .xlsx is
/// copied through unchanged except the data sheet, which is read and written one row at a time (only the rows with
/// errors are touched), and the small stylesheet, which gets the red styles. OpenXml's SpreadsheetDocument would load
/// the whole sheet as a DOM and keep every part in memory until closed. A .csv is copied record by record.
/// </para>
/// </summary>
public static partial class ErrorWorkbook
{
    public const string ErrorHeader = "错误说明";
    public const string RedFill = "FFFFC7CE";

    /// <summary>What a warning (<see cref="ImportResult.Warnings"/>) begins with in the 错误说明 column, to tell it from an error.</summary>
    public const string WarningMark = "（提示，不影响导入）";

    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string StylesRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
    private const string StylesContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";
    private static readonly XNamespace R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static string FileName(string original) =>
        Path.GetFileNameWithoutExtension(original) + "（错误标注）" + Path.GetExtension(original);

    /// <summary>The marked file in memory: for small files and tests; a download streams with the other overload.</summary>
    public static byte[] Write(byte[] original, string fileName, ImportResult result)
    {
        using var output = new MemoryStream();
        Write(original, fileName, result, output);
        return output.ToArray();
    }

    /// <summary>Writes the marked file to <paramref name="output"/>, holding one row at a time besides the original.</summary>
    public static void Write(byte[] original, string fileName, ImportResult result, Stream output)
    {
        if (SheetReader.FormatOf(fileName) == ImportFormat.Csv) WriteCsv(original, result, output);
        else WriteXlsx(original, result, output);
    }

    /// <summary>The errors of each row in row order, joined into the row's message as they are needed.</summary>
    private sealed class RowErrors(ImportResult result)
    {
        // A row's warnings follow its errors, said as such and with no red cell: the row imports as it is.
        private readonly ImportError[] _errors = result.Errors.Where(e => e.Row > 0)
            .Concat(result.Warnings.Select(w => new ImportError(w.Row, w.Column, WarningMark + w.Message))).OrderBy(e => e.Row).ToArray();
        private int _next;

        /// <summary>The errors of the row; rows must be asked for in increasing order.</summary>
        public ArraySegment<ImportError> Of(int row)
        {
            while (_next < _errors.Length && _errors[_next].Row < row) _next++;
            var start = _next;
            var end = start;
            while (end < _errors.Length && _errors[end].Row == row) end++;
            // Taken: the rows still to come, and those the sheet lacks, are what remains.
            _next = end;
            return new ArraySegment<ImportError>(_errors, start, end - start);
        }

        /// <summary>The rows with errors not yet reached below the given one (all of them for int.MaxValue); usually none.</summary>
        public List<int> Before(int row)
        {
            var rows = new List<int>();
            for (var i = _next; i < _errors.Length && _errors[i].Row < row; i++)
                if (rows.Count == 0 || rows[^1] != _errors[i].Row) rows.Add(_errors[i].Row);
            return rows;
        }

        public static string Message(IEnumerable<ImportError> errors) =>
            string.Join("；", errors.Select(e => e.Column is null ? e.Message : $"【{e.Column}】{e.Message}"));
    }

    private static void WriteCsv(byte[] original, ImportResult result, Stream output)
    {
        var width = 0;
        foreach (var record in SheetReader.CsvRecordStream(original)) width = Math.Max(width, record.Length);
        var errors = new RowErrors(result);
        using var csv = CsvHelper.CsvWriter.Create(output, CsvHelper.CsvWriterOptions.Default with { WriteByteOrderMark = true, ValidateFieldCount = false }, leaveOpen: true);
        var fields = new string[width + 1];
        var number = 0;
        foreach (var record in SheetReader.CsvRecordStream(original))
        {
            number++;
            for (var f = 0; f < width; f++) fields[f] = f < record.Length ? record[f] as string ?? "" : "";
            fields[width] = number == result.HeaderRow ? ErrorHeader : RowErrors.Message(errors.Of(number));
            csv.WriteRecord(fields);
        }
    }

    private static void WriteXlsx(byte[] original, ImportResult result, Stream output)
    {
        using var source = new ZipArchive(new MemoryStream(original, writable: false), ZipArchiveMode.Read);
        var workbookPath = OfficeDocument(source);
        var relsPath = RelationshipsOf(workbookPath);
        var rels = Relationships(source, relsPath, workbookPath);
        var workbook = Load(source, workbookPath);
        var main = workbook.Root!.Name.Namespace;
        var sheets = workbook.Root.Element(main + "sheets")?.Elements(main + "sheet").ToList() ?? [];
        var sheet = sheets.FirstOrDefault(s => (string?)s.Attribute("name") == result.SheetName) ?? sheets.First();
        var sheetPath = rels[(string)sheet.Attribute(R + "id")!].Target;
        var stylesPath = rels.Values.Where(r => r.Type == StylesRelationship).Select(r => (string?)r.Target).FirstOrDefault();
        var newStyles = stylesPath is null;
        stylesPath ??= Combine(Folder(workbookPath), "styles.xml");

        var errorColumn = Math.Max(LastColumn(source.GetEntry(sheetPath)!) + 1, result.FileColumns.Values.DefaultIfEmpty(-1).Max() + 1);
        var styles = new RedStyles(newStyles ? null : Load(source, stylesPath));

        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        foreach (var entry in source.Entries)
        {
            if (entry.FullName == sheetPath || entry.FullName == stylesPath) continue;
            if (newStyles && entry.FullName == "[Content_Types].xml") { Save(target, entry.FullName, WithStylesType(Load(source, entry.FullName), stylesPath)); continue; }
            if (newStyles && entry.FullName == relsPath) { Save(target, entry.FullName, WithStylesRelationship(Load(source, entry.FullName), workbookPath, stylesPath)); continue; }
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = entry.LastWriteTime;
            if (entry.FullName.EndsWith('/')) continue;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
        using (var to = target.CreateEntry(sheetPath, CompressionLevel.Optimal).Open())
        using (var from = source.GetEntry(sheetPath)!.Open())
            MarkSheet(from, to, result, errorColumn, styles);
        // Last, because the sheet decides which red copies of its styles are needed.
        Save(target, stylesPath, styles.Document);
    }

    /// <summary>Copies the sheet node by node; each row is read whole (one row is small), marked when it has errors, and written.</summary>
    private static void MarkSheet(Stream from, Stream to, ImportResult result, int errorColumn, RedStyles styles)
    {
        var errors = new RowErrors(result);
        using var reader = XmlReader.Create(from, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, CloseInput = false });
        using var writer = XmlWriter.Create(to, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
        XNamespace ns = MainNamespace;
        var inSheetData = false;
        var last = 0;

        void Mark(XElement row, int number)
        {
            var rowErrors = errors.Of(number);
            var header = number == result.HeaderRow;
            if (rowErrors.Count == 0 && !header) return;
            Number(row);
            row.Attribute("spans")?.Remove();
            foreach (var e in rowErrors)
            {
                if (e.FileColumn is not { } column) continue;
                var cell = CellAt(row, column);
                cell.SetAttributeValue("s", styles.For((uint?)cell.Attribute("s") ?? 0));
            }
            if (header) SetText(row, errorColumn, ErrorHeader, styles.Header);
            else SetText(row, errorColumn, RowErrors.Message(rowErrors), styles.Message);
        }

        void Missing(int below)
        {
            // A row the errors name that the sheet does not have (rare: the header row is always there): written empty but marked.
            var pending = errors.Before(below);
            if (result.HeaderRow > last && result.HeaderRow < below) pending.Add(result.HeaderRow);
            foreach (var number in pending.Distinct().Order())
            {
                var row = new XElement(ns + "row", new XAttribute("r", number));
                Mark(row, number);
                row.WriteTo(writer);
                last = number;
            }
        }

        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && inSheetData && reader.LocalName == "row")
            {
                var row = (XElement)XNode.ReadFrom(reader);
                var number = (int?)row.Attribute("r") ?? last + 1;
                Missing(number);
                Mark(row, number);
                row.WriteTo(writer);
                last = number;
                continue;
            }
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheetData")
            {
                ns = reader.NamespaceURI;
                writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                writer.WriteAttributes(reader, true);
                if (reader.IsEmptyElement)
                {
                    Missing(int.MaxValue);
                    writer.WriteEndElement();
                }
                else inSheetData = true;
                reader.Read();
                continue;
            }
            if (reader.NodeType == XmlNodeType.EndElement && inSheetData && reader.LocalName == "sheetData")
            {
                Missing(int.MaxValue);
                inSheetData = false;
                writer.WriteFullEndElement();
                reader.Read();
                continue;
            }
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "dimension" && reader.GetAttribute("ref") is { } dimension)
            {
                writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                writer.WriteAttributeString("ref", Widened(dimension, errorColumn));
                writer.WriteEndElement();
                reader.Skip();
                continue;
            }
            CopyNode(reader, writer);
            reader.Read();
        }
    }

    private static void CopyNode(XmlReader reader, XmlWriter writer)
    {
        switch (reader.NodeType)
        {
            case XmlNodeType.Element:
                writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                writer.WriteAttributes(reader, true);
                if (reader.IsEmptyElement) writer.WriteEndElement();
                break;
            case XmlNodeType.EndElement: writer.WriteFullEndElement(); break;
            case XmlNodeType.Text: writer.WriteString(reader.Value); break;
            case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace: writer.WriteWhitespace(reader.Value); break;
            case XmlNodeType.CDATA: writer.WriteCData(reader.Value); break;
            case XmlNodeType.Comment: writer.WriteComment(reader.Value); break;
            case XmlNodeType.ProcessingInstruction: writer.WriteProcessingInstruction(reader.Name, reader.Value); break;
            case XmlNodeType.XmlDeclaration:
                var standalone = reader.GetAttribute("standalone");
                if (standalone is null) writer.WriteStartDocument(); else writer.WriteStartDocument(standalone == "yes");
                break;
        }
    }

    /// <summary>The sheet's last used column (0-based), read in a first pass over the cells' references.</summary>
    private static int LastColumn(ZipArchiveEntry sheet)
    {
        using var stream = sheet.Open();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var max = -1;
        var column = -1;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.LocalName == "row") column = -1;
            else if (reader.LocalName == "c")
            {
                column = reader.GetAttribute("r") is { } r ? ColumnIndex(r) : column + 1;
                max = Math.Max(max, column);
            }
        }
        return max;
    }

    /// <summary>A1:H10 with its last column at least the error column.</summary>
    private static string Widened(string reference, int errorColumn)
    {
        var parts = reference.Split(':');
        var end = parts[^1];
        var digits = end[Letters().Match(end.ToUpperInvariant()).Value.Length..];
        var column = Math.Max(ColumnIndex(end), errorColumn);
        return (parts.Length == 2 ? parts[0] : "A1") + ":" + TemplateWriter.Letter(column) + digits;
    }

    [GeneratedRegex("^[A-Z]+")]
    private static partial Regex Letters();

    public static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var c in Letters().Match(reference.ToUpperInvariant()).Value) n = n * 26 + (c - 'A' + 1);
        return n - 1;
    }

    /// <summary>Gives every cell of a row its reference, so that cells can be inserted without shifting implicit positions.</summary>
    private static void Number(XElement row)
    {
        var number = (string?)row.Attribute("r") ?? "";
        var column = -1;
        foreach (var cell in row.Elements(row.Name.Namespace + "c"))
        {
            column = (string?)cell.Attribute("r") is { } r ? ColumnIndex(r) : column + 1;
            if (cell.Attribute("r") is null) cell.SetAttributeValue("r", TemplateWriter.Letter(column) + number);
        }
    }

    /// <summary>The cell of the column in the row, created in column order when the row lacks it.</summary>
    private static XElement CellAt(XElement row, int column)
    {
        var ns = row.Name.Namespace;
        XElement? after = null;
        foreach (var cell in row.Elements(ns + "c"))
        {
            var index = (string?)cell.Attribute("r") is { } r ? ColumnIndex(r) : -1;
            if (index == column) return cell;
            if (index > column) { after = cell; break; }
        }
        var created = new XElement(ns + "c", new XAttribute("r", TemplateWriter.Letter(column) + (string?)row.Attribute("r")));
        if (after is null)
        {
            // Cells come before a row's extension list, if it has one.
            if (row.Element(ns + "extLst") is { } ext) ext.AddBeforeSelf(created); else row.Add(created);
        }
        else after.AddBeforeSelf(created);
        return created;
    }

    private static void SetText(XElement row, int column, string text, uint style)
    {
        var ns = row.Name.Namespace;
        var cell = CellAt(row, column);
        cell.RemoveNodes();
        cell.SetAttributeValue("t", "inlineStr");
        cell.SetAttributeValue("s", style);
        cell.Add(new XElement(ns + "is", new XElement(ns + "t", new XAttribute(XNamespace.Xml + "space", "preserve"), text)));
    }

    // ---- the package around the sheet ----

    private readonly record struct Relationship(string Type, string Target);

    private static XDocument Load(ZipArchive zip, string path)
    {
        using var stream = zip.GetEntry(path)?.Open() ?? throw new InvalidDataException($"no {path} in the workbook");
        return XDocument.Load(stream);
    }

    private static void Save(ZipArchive zip, string path, XDocument document)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        document.Save(writer);
    }

    /// <summary>The workbook part, as the package's root relationships name it.</summary>
    private static string OfficeDocument(ZipArchive zip)
    {
        if (zip.GetEntry("_rels/.rels") is null) return "xl/workbook.xml";
        var rels = Relationships(zip, "_rels/.rels", "");
        return rels.Values.Where(r => r.Type.EndsWith("/officeDocument")).Select(r => r.Target).FirstOrDefault() ?? "xl/workbook.xml";
    }

    private static Dictionary<string, Relationship> Relationships(ZipArchive zip, string relsPath, string sourcePath)
    {
        XNamespace pr = PackageRelationships;
        return Load(zip, relsPath).Root!.Elements(pr + "Relationship")
            .Where(r => (string?)r.Attribute("TargetMode") != "External")
            .ToDictionary(r => (string)r.Attribute("Id")!, r => new Relationship((string)r.Attribute("Type")!, Combine(Folder(sourcePath), (string)r.Attribute("Target")!)));
    }

    private static string RelationshipsOf(string part) => Combine(Folder(part), "_rels/" + Path.GetFileName(part) + ".rels");

    private static string Folder(string part) => part.Contains('/') ? part[..part.LastIndexOf('/')] : "";

    /// <summary>A relationship target resolved to a zip entry name: relative to the folder, or absolute from the package root.</summary>
    private static string Combine(string folder, string target)
    {
        var parts = new List<string>();
        if (!target.StartsWith('/')) parts.AddRange(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var p in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (p == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
            else if (p != ".") parts.Add(p);
        }
        return string.Join("/", parts);
    }

    private static XDocument WithStylesType(XDocument types, string stylesPath)
    {
        var ns = types.Root!.Name.Namespace;
        types.Root.Add(new XElement(ns + "Override", new XAttribute("PartName", "/" + stylesPath), new XAttribute("ContentType", StylesContentType)));
        return types;
    }

    private static XDocument WithStylesRelationship(XDocument rels, string workbookPath, string stylesPath)
    {
        var ns = rels.Root!.Name.Namespace;
        var ids = rels.Root.Elements(ns + "Relationship").Select(r => (string?)r.Attribute("Id")).ToHashSet();
        var id = Enumerable.Range(1, 1000).Select(i => $"rIdErrorStyles{i}").First(i => !ids.Contains(i));
        var folder = Folder(workbookPath);
        var target = folder.Length > 0 && stylesPath.StartsWith(folder + "/") ? stylesPath[(folder.Length + 1)..] : "/" + stylesPath;
        rels.Root.Add(new XElement(ns + "Relationship", new XAttribute("Id", id), new XAttribute("Type", StylesRelationship), new XAttribute("Target", target)));
        return rels;
    }

    /// <summary>
    /// The workbook's own stylesheet (a few kilobytes, held as a document) with a red fill and red fonts added, and for each
    /// style a bad cell had, the same style with the red fill, added once.
    /// </summary>
    private sealed class RedStyles
    {
        private static readonly string[] Order = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];
        private readonly XNamespace _ns;
        private readonly XElement _formats;
        private readonly List<XElement> _original;
        private readonly int _fill;
        private readonly Dictionary<uint, uint> _made = [];

        public XDocument Document { get; }
        public uint Header { get; }
        public uint Message { get; }

        public RedStyles(XDocument? stylesheet)
        {
            Document = stylesheet ?? new XDocument(new XElement(XName.Get("styleSheet", MainNamespace)));
            var root = Document.Root!;
            _ns = root.Name.Namespace;
            var fonts = Section(root, "fonts", () => [new XElement(_ns + "font")]);
            var fills = Section(root, "fills", () =>
                [new XElement(_ns + "fill", new XElement(_ns + "patternFill", new XAttribute("patternType", "none"))),
                 new XElement(_ns + "fill", new XElement(_ns + "patternFill", new XAttribute("patternType", "gray125")))]);
            Section(root, "borders", () => [new XElement(_ns + "border")]);
            _formats = Section(root, "cellXfs", () => [new XElement(_ns + "xf")]);
            _original = _formats.Elements(_ns + "xf").ToList();

            _fill = Append(fills, new XElement(_ns + "fill", new XElement(_ns + "patternFill", new XAttribute("patternType", "solid"),
                new XElement(_ns + "fgColor", new XAttribute("rgb", RedFill)), new XElement(_ns + "bgColor", new XAttribute("indexed", 64)))));
            var boldRed = Append(fonts, new XElement(_ns + "font", new XElement(_ns + "b"), new XElement(_ns + "color", new XAttribute("rgb", "FF9C0006"))));
            var red = Append(fonts, new XElement(_ns + "font", new XElement(_ns + "color", new XAttribute("rgb", "FF9C0006"))));
            Header = (uint)Append(_formats, new XElement(_ns + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", boldRed), new XAttribute("fillId", _fill),
                new XAttribute("borderId", 0), new XAttribute("applyFont", 1), new XAttribute("applyFill", 1)));
            Message = (uint)Append(_formats, new XElement(_ns + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", red), new XAttribute("fillId", 0),
                new XAttribute("borderId", 0), new XAttribute("applyFont", 1)));
        }

        /// <summary>The section of the stylesheet, created in its schema position with its required first entries when missing.</summary>
        private XElement Section(XElement root, string name, Func<XElement[]> initial)
        {
            if (root.Element(_ns + name) is { } found)
            {
                if (!found.HasElements) found.Add(initial());
                return found;
            }
            var section = new XElement(_ns + name, initial());
            var before = Order.Skip(Array.IndexOf(Order, name) + 1).Select(n => root.Element(_ns + n)).FirstOrDefault(e => e is not null);
            if (before is null) root.Add(section); else before.AddBeforeSelf(section);
            section.SetAttributeValue("count", section.Elements().Count());
            return section;
        }

        private static int Append(XElement section, XElement item)
        {
            section.Add(item);
            var count = section.Elements().Count();
            section.SetAttributeValue("count", count);
            return count - 1;
        }

        public uint For(uint style)
        {
            if (_made.TryGetValue(style, out var made)) return made;
            var copy = style < _original.Count ? new XElement(_original[(int)style]) : new XElement(_ns + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", 0), new XAttribute("borderId", 0));
            copy.SetAttributeValue("fillId", _fill);
            copy.SetAttributeValue("applyFill", 1);
            return _made[style] = (uint)Append(_formats, copy);
        }
    }
}
