<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name></name>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <comment>Light</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <comment>Dark</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the day you last had contact, or today. The count starts at day 0 and grows by one for each full day of space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what happened first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting since {date}. Target: {n} days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day {days} of time for your own life</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day {days} of {n} without contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DemoDialog</source>
        <comment>The demo is locked</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>DemoDialog</source>
        <comment>Your own journal would ask for your passphrase here. The demo opens with one click.</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>DemoDialog</source>
        <comment>Preparing the demo</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>DemoDialog</source>
        <comment>A made-up journal of about four months, so you can look around freely. It disappears when you close Reconcile.</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>End the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End this no-contact period?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your passphrase to keep syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How strong was the urge, 1 to 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I contacted them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I had contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I looked at their social media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I reached out once, as planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I resisted an urge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep going</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking happens. It can help to notice what led you there. Your count of days without direct contact is untouched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most people need at least 30 to 60 days; 45 is a good place to begin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No direct contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet; the first is tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and write the letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start counting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start no contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting again is part of the method, not a failure of it. Go gently today; one day at a time is enough.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping is allowed, and it undoes nothing: your days and the urges you rode out stay in your history. You can start again whenever it feels right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target in days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target of {n} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That time has not come yet. Choose a moment up to now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The letter goes into your journal, with your note as its first lines. Say everything there; they will never see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {days} before this still count: what you learned in them comes with you. The number starts again; your progress does not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They contacted me and I did not engage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They contacted me and I engaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time for your own life</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s automatic backup could not be made. {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s backup is saved and checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsent letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened, and how you feel now (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What set it off? (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you wanted to say, or how it felt (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write an unsent letter instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing it down honestly is part of the work. Nothing here is a judgement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You felt the pull and did not act on it. That counts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You reached out once and are giving space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You reached your target of {n} days. Ending the period keeps all of it in your history, and you can begin a new one whenever you want.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its clock seems a few minutes ahead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its clock seems about a day ahead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its clock seems about an hour ahead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its clock seems about {n} days ahead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its clock seems about {n} hours ahead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen a minute ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen an hour ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen {n} days ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen {n} hours ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last seen {n} minutes ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mild</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not seen yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>noticeable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of {n} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overwhelming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>strong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>very strong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} without looking at their social media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days}, in {n} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days}, tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{kind}” was saved for a time on {date} that has not come yet, so it is not counted. When did it happen?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>&amp;Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A private place to write, to plan the changes you want to make and to keep your days of space, whether or not the relationship comes back. Everything stays encrypted on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Reconcile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free software under the GNU GPL, version 3 or later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inside them: Qt (LGPLv3) and SQLCipher (BSD-style licence). Each licence text ships with its library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Libraries and their licences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Libraries it is built with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal there is encrypted; it opens only with your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Appearance</name>
    <message>
        <source>&amp;Appearance</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppearanceBox</name>
    <message>
        <source>&amp;Colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour scheme</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArchiveExportDialog</name>
    <message>
        <source>Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder for the CSV files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt the archive with a passphrase of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports are not encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One archive file (.zip): everything, to keep or to bring back later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this passphrase opens the archive; without it nobody can, you included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase for the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile archive (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the archive as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheet files (.csv): check-ins, moods, no-contact events and urges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take everything with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive holds your entries (the trash too) with their photos and files, your plan and check-ins, no-contact periods and what you logged, daily moods and settings. Import it into Reconcile to bring all of it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These files are not encrypted. Anyone who can open them can read what you wrote, so keep them somewhere private and delete them when you are done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Those two passphrases are not the same. Please type them again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentStrip</name>
    <message>
        <source>About photos and files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a photo or file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a photo or file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add photos or files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos (PNG, JPEG, WebP, HEIC) and PDF files, up to 25 MB each. You can also drop them here or paste them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos and PDF files (*.png *.jpg *.jpeg *.webp *.heic *.heif *.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos and files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entry&apos;s photos and files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pasted picture.png</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {sentence}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentViewer</name>
    <message>
        <source>A copy is saved in {folder}. It is not encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A saved copy is an ordinary file, not encrypted, where you choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About the copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, kind and size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo or file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo or file viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile cannot show this kind of file. Save a copy to open it in another app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from this entry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove it from this entry? If no other entry holds it, it is deleted for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AutoBackupControls</name>
    <message>
        <source>&amp;Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder for the daily backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily copies to keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep backups here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a backup every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a backup every day while Reconcile is open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the usual backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the usual folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly copies to keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>daily and</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weekly copies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarPanel</name>
    <message>
        <source>%1 entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 months ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 years ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty entry)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A month ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A year ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar of entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries from this date in earlier months and years will appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries on the chosen day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing written on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On this day in earlier months and years</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePlanPage</name>
    <message>
        <source>&amp;Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About getting help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All goals together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check in one day, with a note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commitments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commitments:
{lines}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day to check in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days can be marked or corrected up to a week back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit goal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit this goal and its commitments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New goal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No commitments yet. Edit the goal to add a small first step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One day with its notes, or the last seven days of every commitment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See and mark the last seven days of each step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show archived goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping completely is hard to do alone, and you do not have to. A counsellor, your doctor or a support service can help, whether or not the relationship comes back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The charts add up your goals. Choose one to see it on its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While a goal is paused, its days count neither as kept nor as slipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this matters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this matters:
{why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a new goal ({keys})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a new goal and its first steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write your first goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing down what you want to change, and the small steps that will get you there, makes the change more likely to happen and to last.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your change plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your support:
{note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must stop completely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>since {day}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>&amp;Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All your goals, day by day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each commitment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each commitment: its slips, plainly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each day: a slip, or none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each day: the share of your commitments kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goals that must stop completely are shown on their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hover a day for details; click it to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often each commitment was kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG or SVG. The image is saved unencrypted, wherever you choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the chart as an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the chart shown as an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image could not be saved there. Please try another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time range for the charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your charts will appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{goal}, day by day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{goal}: kept days and slips</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckInList</name>
    <message>
        <source>A short note, if you like</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A short note, saved when you mark the step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An optional one-line note, saved with the mark. Press Enter to save it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the mark (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commitments for the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days can be marked or corrected up to a week back, so this day is shown as it was recorded and can no longer be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left and Right: the day before or after.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as kept (K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as slipped (S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not marked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for this commitment on this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is planned for this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up and Down move between commitments.
K: kept.  S: slipped.
Space: kept, slipped, not marked in turn.
Delete: clear the mark.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommitmentEditor</name>
    <message>
        <source> time a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> times a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A small, concrete step, e.g. a walk after dinner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive this commitment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one day for “{action}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each commitment needs a few words saying what you will do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Friday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On chosen days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this commitment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this new commitment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some days a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops it from today on. Its history stays in your charts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you will do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will be archived when you save. Its history stays.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreateVaultDialog</name>
    <message>
        <source>&amp;Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Important</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is your journal already on another computer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a journal from a sync folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join from a sync folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up your journal. This takes a moment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no way to recover a forgotten passphrase. Without it, nobody can open this journal, not even you, so keep it somewhere safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type it &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your journal lives on another computer that syncs it through a folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DailyReminder</name>
    <message>
        <source>A gentle nudge: a few quiet minutes for today&apos;s check-in, if you like.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoDialog</name>
    <message>
        <source>Open the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the demo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing four months of pretend days…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryEditor</name>
    <message>
        <source>&amp;Mood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Principle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already counted as an urge resisted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already counted as an urge resisted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answering a prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count this letter as an urge resisted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted as an urge resisted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time of the entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry, formatted for reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind of entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move this entry to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No principle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note about this entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the other version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the other version of this entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Principle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the entry formatted for reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch between writing and reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch between writing and reading (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt this entry answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entry is in the trash. Restore it to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This letter is for you. It will never be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two computers changed this entry at the same time. This copy keeps the other version, so no words are lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two versions of this entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsent letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worksheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a few words first; then it can be counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write it all here. No one else will ever read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write whatever is on your mind. It is saved as you go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing here instead of reaching out is worth noting on your no-contact count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote an unsent letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} words</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Choose a folder for the Markdown files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to save the copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export your journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported files are not encrypted. Anyone who can open them can read what you wrote, so keep them somewhere private and delete them when you are done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports are not encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include entries in the trash (Markdown puts them in a “trash” folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown folder: one text file per entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF of the selected entries ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile file (.json): every entry and detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the export as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {entries} to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What would you like to export?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunGuide</name>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;kip the guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can open it again from Help &gt; Getting started</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FlaggedPanel</name>
    <message>
        <source>Correct the date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the date of: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved for a time still ahead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These are not counted yet, because that moment has not come. Perhaps the computer&apos;s clock was off; correct them and they will count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}, dated {date}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoalDialog</name>
    <message>
        <source>&amp;Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Principle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Why this matters /
what I did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a commitment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commitments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please give the goal a short title.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Principle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem saving the goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tatus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small, concrete steps. A schedule can change later: the new one applies from today and past days keep theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some things are not for cutting down bit by bit, such as anything that hurts or frightens someone. For these the plan shows every slip plainly and never counts “less” as success. Reaching out to a professional for help is a brave step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Supp&amp;ort note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This has to stop completely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened, your own part in it, and why changing it matters to you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you want to change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While a goal is paused, its days count neither as kept nor as slipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who or what helps you with this: a friend, a group, a counsellor, a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this matters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoalStep</name>
    <message>
        <source>&amp;Principle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What I want to change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A written plan makes change more likely, and easier to believe. Choose one thing you want to change, and one small, concrete step you can take for it. You can leave this empty and do it later on the Change plan page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accountability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empathy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: stay calm when I feel criticised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: ten slow breaths before I answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How &amp;often</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None in particular</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On weekdays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One small &amp;step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One small step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please write both the goal and one small step for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. You will find it, ready to tick, on the Today page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The principle it serves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Three times a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you want to change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your first change goal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HarmNote</name>
    <message>
        <source>A note about your safety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the support lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you describe matters. Being afraid, controlled or hurt is not your fault, and mending it is not your job. Trying again may not be safe. You deserve support for yourself, whatever you decide.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistorySection</name>
    <message>
        <source>#{n} · since {start} · {days} · still going</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#{n} · {start} to {end} · {days}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No-contact history chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stretches in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chart appears here once more than one week has gone by.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportAnyDialog</name>
    <message>
        <source>Added {rows} to your journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already here, left as they are: {rows}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out: {rows}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New: {rows}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile archive (everything, .zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive&apos;s passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This archive is encrypted: type its passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>&amp;Comes from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder of Markdown files (.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the entries of the chosen file to your journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {entries} to your journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring in entries from a Reconcile export, jrnl, Day One or a folder of Markdown files. You will see what the file holds before anything is added, and entries already in your journal are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an export file or folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder of Markdown files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day One (JSON or .zip export)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import {entries}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal exports (*.json *.zip);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile export (.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They run from {a} to {b}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file holds no entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the file holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the file comes from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worth knowing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jrnl (JSON export)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} in this file: {new} new, {dup} already in your journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} in this folder: {new} new, {dup} already in your journal.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>&amp;Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to creating a journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bringing your journal over. This can take a little while…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder your other computer syncs this journal through, then enter the passphrase you use there. Your journal is rebuilt here, sealed as before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the sync folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join your journal from a sync folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose the sync folder first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase does not open this journal. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder your sync tool keeps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s &amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JournalPage</name>
    <message>
        <source>&amp;Journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A private place to write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring in entries from elsewhere…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything in that file was already here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export everything…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import entries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import from Reconcile, jrnl or Day One</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journal notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More journal actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved to the trash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries match these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing found. Fewer or shorter words may help, or another look at the filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One entry was brought in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Should I even try?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the calendar and On this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from a prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The actions that do not fit beside the others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trash…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo moving to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsent letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was new in the archive was brought in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whatever you are carrying today can go here: what happened, what you feel, what you would say if you could. Only you can read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write from a prompt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write your first entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} entries were brought in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListField</name>
    <message>
        <source>Add a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a line to “{title}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockingBox</name>
    <message>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock Reconcile after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes before Reconcile locks itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the number of days shows, nothing you wrote.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the no-contact day count in the system tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When it locks, your journal is closed and hidden until you unlock it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>without use.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;About Reconcile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export everything…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock Reconcile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock now (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locks itself after 1 minute without use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locks itself after {n} minutes without use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your latest words are not saved yet, so the journal stays open. Make some room on the disk or try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{page} (Ctrl+{n})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MoodPicker</name>
    <message>
        <source>Good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mood {n} of 5: {word}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Very good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Very low</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoContactPage</name>
    <message>
        <source>&amp;No contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A word after a slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best streak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best without looking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this period; its days stay in your history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give yourself some space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I had contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I had contact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I resisted an urge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I resisted an urge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestone reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calls, no messages, and, counted separately, no looking at their social media. Most people need at least 30 to 60 days. If you slip, you simply begin the count again; the effort does not start over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact icon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact is for you: time to grieve, to steady yourself and to see clearly what happened and what you want now. It is not a tactic for winning anyone back, and it works best when it is not one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No direct contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not looking at their social media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note a contact, honestly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note an urge you did not act on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note that you sent your one message? Giving space starts from today. You can take this back for {n} days if it was a slip of the finger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start no contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stretches in this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urges resisted this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, I sent it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your last period is in your history, with a best of {days}. That is yours to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your one message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoContactStep</name>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start counting today, aiming for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A time of no contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days of no contact to aim for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Many people begin with a stretch of no contact, often 30 to 60 days: no calls, messages or mail, and no looking at their social media. It is time for your own grief and clarity, not a tactic. If you slip, the count starts again; your effort does not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start and continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are counting days of no contact, aiming for {n}. One day at a time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A friend, a sister, your therapist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A number, an address, a time you can call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anything that helps, such as what to say first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a name, so you know who this is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to &amp;reach them:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to reach them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem with this person</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrinciplesStep</name>
    <message>
        <source>Accountability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empathy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name your own part in what went wrong, plainly and without excuses. If you are not sure yet, it is fine to ask, and then to listen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pressure and no deadlines for them. Keep doing the right things for longer than feels comfortable, and let the outcome stay open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real change comes as small, steady steps rather than promises. A slip is part of it: you simply start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile is a private place to work on yourself and to look after your own life, whatever happens between the two of you. Four ideas run through everything here:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try to see the ending from their side and care about what it cost them. Understanding does more than defending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PromptPicker</name>
    <message>
        <source>&amp;Principle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All principles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No prompts match both choices. Try “All steps”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show prompts for principle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show prompts for step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start writing on the chosen prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsent letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worksheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write about this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write about today&apos;s prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}  ·  today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QApplication</name>
    <message>
        <source>Appearance</source>
        <comment>Same as the system</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReachOutPanel</name>
    <message>
        <source>A letter of letting go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before anything else, a few private questions about the other person. Your answers stay in your journal, and you can change them at any time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change my answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I sent it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you still want to try, the next step is to reach out once: a short, calm message that owns your part and says you are open to talking, with no pressure and nothing they must answer. Then you step back. There is no deadline; you can also simply keep going.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine and not mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Respecting their wish is the kind thing to do, and the right one. The days go on counting, as time for your own life rather than time until contact, and the work on yourself goes on, whatever happens between you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save my answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some writing for letting go:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their right to choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their wish comes first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo: I did not send it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You reached out once; day {n} of giving space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You reached out once; giving space since today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You reached {n} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You said it once. Now the kind thing is room: no follow-ups, no checking whether they have read it. Whatever they do, keep living your own life well.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReminderBox</name>
    <message>
        <source>&amp;Remind me at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A kind nudge; it never shows anything you wrote.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system tray here: the nudge shows in the status bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind me to check in each day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>&amp;Passphrase of this backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before restoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check this backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a backup or a folder of backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look in another folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look in another folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backups were found in the usual places. If you keep them elsewhere, such as on a USB stick, look there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase of this backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose a backup first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter the passphrase of this backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Putting the backup back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The one you used on the day the backup was made; it may be an older one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This backup is whole and opens with that passphrase. Restoring it replaces your journal with it; from then on the journal opens with this passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RotateKeyDialog</name>
    <message>
        <source>Encrypting your journal with a new key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your passphrase</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>1: very low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2: low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3: in between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4: good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5: very good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accountability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the search (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empathy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters •</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From a prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Narrow the list by tag, mood, principle, kind or date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Principle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search your journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsent letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words you type must all appear. Use &quot;quotes&quot; for a phrase and -word to leave entries out. Ctrl+F to come back here, Esc to clear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worksheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>&amp;Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup is an encrypted copy of your journal, as private as the journal itself, so a folder your own cloud service keeps in sync is a fine place for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup saved in {path}. It opens with your current passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;urrent passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the passphrase. This takes a moment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder for the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every backup also holds the photo or file in your entries ({size}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every backup also holds your {count} photos and files ({size}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If you think an old copy of your key file might be out there, you can also replace the key itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;w, once more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos and files in backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos and files you add to entries will be in every backup too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter your current passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the key too?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not the current passphrase. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new passphrase is the same as the current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your journal now uses a new key. Your passphrase is the same; older backups keep the old key and open with their own passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your passphrase is changed. Use the new one from now on; older backups still open with the passphrase they were made with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your passphrase opens your journal and every backup made from now on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SlipFollowUpDialog</name>
    <message>
        <source>A slip is part of changing, not the end of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A step back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After a slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After a slip: {action}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commitment: {action}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If it helps, write a few lines about it. They go into your journal, linked to this commitment, and stay private. You can also skip this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One small thing to do differently</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open support lines and your people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save these notes to the journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save to journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip without writing anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you for writing it down honestly; that is where stopping starts. It is hard to do alone, and you do not have to: talk to {helpers}, or find a line on the Support page. If you like, write a few lines about what happened. They go into your journal, linked to this commitment, and stay private.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This has to stop completely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was going on around it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was going on around the slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What will I try next time?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What will help me stop next time?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What will help you stop next time?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What will you try next time?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who you will call, where you will go, what you will do instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your support note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your support: {note}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone you trust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the support you wrote down below</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Step</name>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StreakBadge</name>
    <message>
        <source>No contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact: day {days} of {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact: not counting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not counting right now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the No contact page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the No contact page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of {n} days</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StrengthHelpButton</name>
    <message>
        <source>How strength is worked out, and how it differs from a streak</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StrengthPopup</name>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the explanation of strength</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SupportDialog</name>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Country:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another country (directory of helplines)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked on {date} against {page}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked on {date} — numbers can change, so check the organisation&apos;s page if a number does not work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the chosen person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Friends, family or a therapist you can turn to. They are kept encrypted in your journal, like everything else you write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open your journal to keep your own people here, encrypted with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile has no checked lines for this country. The directory below lists free helplines in every country.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the chosen person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These lines are answered by trained people who listen without judging. If you or someone else is in danger right now, call your local emergency number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When these lines were checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You don&apos;t have to carry this alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your own people</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncSettings</name>
    <message>
        <source>Another of your computers has given this journal a new key. Enter your passphrase here to take it up, and syncing carries on as before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a sync folder and start syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder to sync through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computers sharing this journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget {name}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How sync works</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It will stop syncing this journal. Everything it wrote stays here, and its files in the sync folder are left as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not syncing. Choose the folder your sync tool keeps to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up the sync folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop syncing here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop syncing on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop syncing on this computer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced. Two computers changed the same entry, so both versions are kept in your journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing has stopped here. Your journal is all still here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing is on. Your other computers can now join from this folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing through {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taking up the new key. This takes a moment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thank you. Syncing carries on with the new key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That passphrase did not open the new key. Please try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is now called {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer writes sealed files into a folder you choose, and the sync tool you already use (Syncthing, Dropbox, a USB stick…) carries them to your other computers. Nothing readable leaves this computer: without your passphrase, those files say nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s na&amp;me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the new key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your journal stays whole here, every word of it. It just stops hearing from your other computers, and they stop hearing from this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your passphrase, once more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>A few words, if you like</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new week. One small step at a time is enough.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note about today&apos;s mood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A prompt for today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How are you today?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept {rate} of your steps · {slips} slips · {rec} recoveries · {urges} urges resisted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last week, looking back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mood status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mood {n} of 5: {word}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noted. Thank you for checking in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is planned for today. A written plan makes change more likely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the change plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reflect on the week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whatever today brings, small steady steps count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write an entry for today&apos;s prompt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrashDialog</name>
    <message>
        <source>(empty entry)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the %1 entries in the trash for good?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the entry in the trash for good?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty the trash?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty trash…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emptying the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries in the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries you delete wait here, whole, until you empty the trash. You can bring any of them back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erasing the words for good. In a large journal this takes a while.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the selected entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored. It is back in your journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored. They are back in your journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trash is empty now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The words will be erased from this computer. This can&apos;t be undone, so take a moment if you need one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trash status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Reconcile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile · day {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>&amp;Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let&apos;s take a short pause. You can try again in 1 second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let&apos;s take a short pause. You can try again in {n} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the journal with this passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening your journal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause before the next try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please enter your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VaultDialogs</name>
    <message>
        <source>A little longer, please: at least {n} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A short sentence only you would think of works well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a passphrase to lock your journal. Everything you write is encrypted with it and stays on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create your private journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your passphrase to open your journal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good. A longer phrase would be stronger still.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile found a problem with one of its files and changed nothing. A backup can bring your journal back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strong. Make sure it is one you will remember.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That works. A few more words would make it much stronger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases are not the same yet. Please type them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Very strong. Make sure it is one you will remember.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your journal is closed and your words are hidden. Enter your passphrase to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your journal needs a backup</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeekGrid</name>
    <message>
        <source>Arrow keys move between commitments and days.
K: kept.  S: slipped.
Space: kept, slipped, not marked in turn.
Delete: clear the mark.  Enter: open the day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not marked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not planned for this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last seven days of each commitment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today, {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{action}, {day}: {state}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorksheetBar</name>
    <message>
        <source>Open the worksheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this entry as a worksheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This worksheet was changed by hand, so it stays as plain text here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answers, as a form you can come back to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorksheetDialog</name>
    <message>
        <source>Discard changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save worksheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worksheet questions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorksheetStep</name>
    <message>
        <source>&amp;Open the worksheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before reaching for the relationship, it helps to look at it honestly: why it ended, what has changed since, what you loved and what you did not, and what the people you trust think. The worksheet walks you through it and keeps your answers as a private journal entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is always there in the Journal, whenever you feel ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Should I even try worksheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Should I even try?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>YesNoField</name>
    <message>
        <source>(no answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_ItemRow</name>
    <message>
        <source>Can change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can this change?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can&apos;t change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sure yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One thing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this line</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_PassphraseDialog</name>
    <message>
        <source>Explanation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_WorkDialog</name>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>w</name>
    <message>
        <source>Accountability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Achieved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empathy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <source>{n} day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile — demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
