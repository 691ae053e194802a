; Per-user Windows installer of Coorace Desktop (NSIS 3, the way Anki and Paheko ship), over the
; one-folder build dist/coorace-desktop/. No administrator rights: everything goes under the user's
; profile and HKCU. Compile: makensis -DVERSION=0.1.0 packaging/coorace-desktop.nsi (paths relative to packaging/);
; scripts/check_package.py also passes -DVERSION_NUMBERS for a version such as 0.2.0rc1
; The databases and backups live in the user data folder (%LOCALAPPDATA%\coorace-desktop), which the
; installer never writes and the uninstaller never touches.

Unicode true
!include "MUI2.nsh"

!ifndef VERSION
  !error "Donnez la version : -DVERSION=x.y.z"
!endif
!ifndef VERSION_NUMBERS  ; four numbers (packaging/windows_version.py): 0.2.0rc1 -> 0.2.0.0
  !define VERSION_NUMBERS "${VERSION}.0"
!endif
!ifndef DIST
  !define DIST "..\dist\coorace-desktop"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\coorace-desktop-${VERSION}-installation.exe"
!endif

!define NAME "Coorace Desktop"
!define EXE "coorace-desktop.exe"
!define PROGID "CooraceDesktop.Database"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\CooraceDesktop"

Name "${NAME} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
!ifndef COMPRESSOR
  !define COMPRESSOR "/SOLID lzma"  ; 64 MB; CI passes -DCOMPRESSOR=zlib to compile faster
!endif
SetCompressor ${COMPRESSOR}

VIProductVersion "${VERSION_NUMBERS}"
VIAddVersionKey /LANG=1036 "ProductName" "${NAME}"
VIAddVersionKey /LANG=1036 "CompanyName" "Coorace Occitanie"
VIAddVersionKey /LANG=1036 "FileDescription" "Installation de ${NAME}"
VIAddVersionKey /LANG=1036 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1036 "LegalCopyright" "Coorace Occitanie, licence MIT"

!define MUI_ICON "..\resources\icons\coorace-desktop.ico"
!define MUI_UNICON "..\resources\icons\coorace-desktop.ico"
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Lancer ${NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "French"

Function .onInit
  SetShellVarContext current  ; the user's Start menu and desktop, not all users'
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "${NAME} (requis)" SectionProgram
  SectionIn RO
  ; A new version replaces the program folder's own files; anything else there is left as it is.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${DIST}/*"
  WriteUninstaller "$INSTDIR\desinstaller.exe"
  CreateShortcut "$SMPROGRAMS\${NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Coorace Occitanie"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\desinstaller.exe"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section /o "Raccourci sur le Bureau" SectionDesktop
  CreateShortcut "$DESKTOP\${NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
SectionEnd

; Only when asked: Coorace Desktop joins the "Ouvrir avec" list of .sqlite files (OpenWithProgids),
; without taking the default away from another program.
Section /o "Ouvrir les fichiers .sqlite avec ${NAME}" SectionAssociation
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Base de données ${NAME}"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" --db "%1"'
  WriteRegStr HKCU "Software\Classes\.sqlite\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Association" "1"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED
SectionEnd

; Removes the program's own files, shortcuts and keys only. Databases and backups are in the user
; data folder and stay; a database saved inside the program folder stays too (RMDir without /r
; removes the folder only when it is empty).
Section "Uninstall"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\coorace-desktop-cli.exe"
  Delete "$INSTDIR\desinstaller.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${NAME}.lnk"
  Delete "$DESKTOP\${NAME}.lnk"
  DeleteRegValue HKCU "Software\Classes\.sqlite\OpenWithProgids" "${PROGID}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
