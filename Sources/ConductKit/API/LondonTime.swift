import Foundation

/// Wall-clock time in London, worked out from the UK's own rule instead of the
/// machine's time-zone database, so that results never depend on `TZ` or on whether
/// tzdata is installed.
///
/// The rule (Summer Time Order 2002): British Summer Time, one hour ahead of GMT,
/// runs from 01:00 GMT on the last Sunday of March to 01:00 GMT on the last Sunday of
/// October. The dates the Code uses are all well after the rule began in 1996.
public enum LondonTime {
    /// A time written `YYYY-MM-DD` (the start of that day) or `YYYY-MM-DDTHH:MM`, read
    /// as London wall-clock time. Nil when it is not such a time.
    ///
    /// In the hour skipped when the clocks go forward a time is read as GMT; in the
    /// hour that happens twice when they go back, as the first (BST) one.
    public static func instant(parsing text: String) -> Date? {
        let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        guard let date = CalendarDate(iso: String(parts[0])) else { return nil }
        guard parts.count == 2 else { return instant(date, hour: 0, minute: 0) }
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2, clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let hour = Int(clock[0]), let minute = Int(clock[1]), hour < 24, minute < 60 else { return nil }
        return instant(date, hour: hour, minute: minute)
    }

    /// The instant London's clocks show `hour:minute` on `date`.
    public static func instant(_ date: CalendarDate, hour: Int = 0, minute: Int = 0) -> Date {
        let wallClock = (date.daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60)
        // Try BST first: if the wall clock minus an hour lands in summer time, it is BST.
        let asSummer = wallClock - 3_600
        let seconds = isSummerTime(utcSeconds: asSummer) ? asSummer : wallClock
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// The calendar day in London at `instant`.
    public static func calendarDate(of instant: Date) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int(floor(Double(localSeconds(instant)) / 86_400)))
    }

    /// `2026-11-16T00:30+00:00`: London wall-clock time with its offset from UTC.
    public static func iso(_ instant: Date) -> String {
        let utc = Int(floor(instant.timeIntervalSince1970))
        let local = localSeconds(instant)
        let secondOfDay = local - Int(floor(Double(local) / 86_400)) * 86_400
        let offset = (local - utc) / 3_600
        return String(format: "%@T%02d:%02d+%02d:00", calendarDate(of: instant).iso,
                      secondOfDay / 3_600, secondOfDay % 3_600 / 60, offset)
    }

    private static func localSeconds(_ instant: Date) -> Int {
        let utc = Int(floor(instant.timeIntervalSince1970))
        return utc + (isSummerTime(utcSeconds: utc) ? 3_600 : 0)
    }

    private static func isSummerTime(utcSeconds: Int) -> Bool {
        let year = CalendarDate(daysSinceEpoch: Int(floor(Double(utcSeconds) / 86_400))).year
        let starts = lastSunday(of: 3, in: year).daysSinceEpoch * 86_400 + 3_600
        let ends = lastSunday(of: 10, in: year).daysSinceEpoch * 86_400 + 3_600
        return utcSeconds >= starts && utcSeconds < ends
    }

    private static func lastSunday(of month: Int, in year: Int) -> CalendarDate {
        // Both March and October have 31 days.
        let last = CalendarDate(year: year, month: month, day: 31)
        // 1 January 1970 was a Thursday: day 0 has weekday 4 counting Sunday as 0.
        let weekday = ((last.daysSinceEpoch + 4) % 7 + 7) % 7
        return CalendarDate(daysSinceEpoch: last.daysSinceEpoch - weekday)
    }
}

extension CalendarDate {
    init(year: Int, month: Int, day: Int) {
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (the civil-days
    /// algorithm: years counted from March, so the leap day falls at the end).
    var daysSinceEpoch: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    init(daysSinceEpoch days: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// The day after this one.
    var next: CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + 1) }
}
