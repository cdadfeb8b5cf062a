"""The complete archive: every table that holds what the user wrote, in one .zip (optionally
encrypted), and back; plus CSV files for spreadsheets and Loop Habit Tracker."""
