Param(
    [Parameter(Mandatory = $true)]
    [string] $DefinitionsRootFolder,

    [ValidateSet("ALZ", "AMBA", "FSI", "SLZ")]
    [string] $Type = "ALZ",

    [Parameter(Mandatory = $true)]
    [string] $PacEnvironmentSelector,

    [string] $LibraryPath,

    [ValidateScript({ "refs/tags/$_" -in (Invoke-RestMethod -Uri 'https://api.github.com/repos/Azure/Azure-Landing-Zones-Library/git/refs/tags/').ref }, ErrorMessage = "Tag must be a valid tag." )]
    [string] $Tag,

    [switch] $CreateGuardrailAssignments,

    [switch] $EnableOverrides,

    [switch] $SyncAssignmentsOnly,

    [switch] $SyncAMBAExtendedPolicies


)

# Dot Source Helper Scripts
. "$PSScriptRoot/../Helpers/Add-HelperScripts.ps1"

# Resolves the final archetype name after the mid-pipeline renames that are applied while
# building the archetype array. Used in both the override-population path and the archetype-build
# path so the storage and lookup keys for assignment name overrides can never drift apart.
function Get-ALZFinalArchetypeName {
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string] $ArchetypeName,

        [Parameter(Mandatory = $true)]
        [string] $Type
    )

    switch ($ArchetypeName) {
        "landingzones" { return $Type -eq "AMBA" ? "amba_landing_zones" : "landingzones" }
        "alz" { return $Type -eq "AMBA" ? "amba_root" : "root" }
        "sovereign_root" { return "slz" }
        default { return $Type -eq "AMBA" ? "amba_$ArchetypeName" : $ArchetypeName }
    }
}

# Resolves the set of archetype names a `based_on` reference may match. Because archetypes are renamed
# mid-pipeline (e.g. the library "root" archetype is referenced by users as "alz", and "landingzones"
# maps to the library "landing_zones"), a `based_on` value supplied with the user-facing name must also
# match the library / final names. Returns every candidate name so the lookup cannot miss the parent
# archetype just because the user used a different but equivalent name.
function Get-ALZBasedOnMatchNames {
    param(
        [Parameter(Mandatory = $true)]
        [AllowEmptyString()]
        [string] $BasedOn,

        [Parameter(Mandatory = $true)]
        [string] $Type
    )

    $names = [System.Collections.Generic.List[string]]::new()
    $addName = {
        param([string] $Name)
        if (-not [string]::IsNullOrWhiteSpace($Name) -and -not $names.Contains($Name)) {
            $names.Add($Name)
        }
    }

    & $addName $BasedOn
    & $addName (Get-ALZFinalArchetypeName -ArchetypeName $BasedOn -Type $Type)
    switch ($BasedOn) {
        "alz" { & $addName "root" }
        "landingzones" { & $addName "landing_zones" }
    }

    return $names.ToArray()
}

# Latest tag values
if ($Tag -eq "") {
    switch ($Type) {
        'ALZ' {
            $Tag = "platform/alz/2026.08.0"
        }
        'FSI' {
            $Tag = "platform/fsi/2025.03.0"
        }
        'AMBA' {
            $Tag = "platform/amba/2026.06.2"
        }
        'SLZ' {
            $Tag = "platform/slz/2026.08.0"
        }
    }
}

Write-ModernHeader -Title "Syncing Policies From Library" -Subtitle "Type: $Type, Tag: $Tag"

if ($LibraryPath -eq "") {
    $LibraryPath = Join-Path -Path (Get-Location) -ChildPath "temp"
    # Check if the temp folder exists, and delete it if it does
    if (Test-Path $LibraryPath) {
        Write-ModernStatus -Message "Removing existing temp folder..." -Status "processing" -Indent 2
        Remove-Item -Path $LibraryPath -Recurse -Force
    }
    Write-ModernStatus -Message "Cloning Azure Landing Zones Library repository..." -Status "processing" -Indent 2
    git clone --config advice.detachedHead=false --depth 1 --branch $Tag https://github.com/Azure/Azure-Landing-Zones-Library.git $LibraryPath
    if ($LASTEXITCODE -eq 0) {
        Write-ModernStatus -Message "Repository cloned successfully" -Status "success" -Indent 4
    }
    else {
        Write-ModernStatus -Message "Failed to clone repository" -Status "error" -Indent 4
        exit 1
    }
}

if ($Type -eq "AMBA" -and $SyncAMBAExtendedPolicies) {
    $AMBALibraryPath = Join-Path -Path (Get-Location) -ChildPath "temp_amba_extended"
    # Check if the temp folder exists, and delete it if it does
    if (Test-Path $AMBALibraryPath) {
        Write-ModernStatus -Message "Removing existing temp AMBA extended policies folder..." -Status "processing" -Indent 2
        Remove-Item -Path $AMBALibraryPath -Recurse -Force
    }
    Write-ModernStatus -Message "Cloning Azure Monitor Baseline Alerts repository for AMBA extended policies..." -Status "processing" -Indent 2
    git clone --config advice.detachedHead=false --depth 1 https://github.com/Azure/azure-monitor-baseline-alerts.git $AMBALibraryPath
    if ($LASTEXITCODE -eq 0) {
        Write-ModernStatus -Message "AMBA extended policies repository cloned successfully" -Status "success" -Indent 4
    }
    else {
        Write-ModernStatus -Message "Failed to clone AMBA extended policies repository" -Status "error" -Indent 4
        exit 1
    }
}

if ($DefinitionsRootFolder -eq "") {
    if ($null -eq $env:PAC_DEFINITIONS_FOLDER) {
        if ($ModuleRoot) {
            $DefinitionsRootFolder = "./Definitions"
        }
        else {
            $DefinitionsRootFolder = "$PSScriptRoot/../../Definitions"
        }
    }
    else {
        $DefinitionsRootFolder = $env:PAC_DEFINITIONS_FOLDER
    }
}

# Ensure the output directory exists
$structureDirectory = "$DefinitionsRootFolder\policyStructures"
if (-not (Test-Path -Path $structureDirectory)) {
    New-Item -ItemType Directory -Path $structureDirectory
}

try {
    $telemetryEnabled = (Get-Content $DefinitionsRootFolder/global-settings.jsonc | ConvertFrom-Json).telemetryOptOut
    $deploymentRootScope = (Get-Content $DefinitionsRootFolder/global-settings.jsonc | ConvertFrom-Json).pacEnvironments[0]
    if (!($telemetryEnabled)) {
        Write-ModernStatus -Message "Telemetry is enabled" -Status "info" -Indent 2
        Submit-EPACTelemetry -Cuapid "pid-adaa7564-1962-46e6-92b4-735e91f76d43" -DeploymentRootScope $deploymentRootScope
    }
    else {
        Write-ModernStatus -Message "Telemetry is disabled" -Status "info" -Indent 2
    }
}
catch {
    Write-ModernStatus -Message "Telemetry could not be enabled: $($_.Exception.Message)" -Status "warning" -Indent 2
}

$syncedPolicyDefinitionNames = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)

if (-not($SyncAssignmentsOnly) -and $Type -ne "SLZ") {
    Write-ModernSection -Title "Creating Policy Definition Objects" -Indent 0
    #region Create policy definition objects
    foreach ($file in Get-ChildItem -Path "$LibraryPath/platform/$($Type.ToLower())/policy_definitions" -Recurse -File -Include *.json) {
        $fileContent = Get-Content -Path $file.FullName -Raw | ConvertFrom-Json
        $baseTemplate = [ordered]@{
            '$schema'  = "https://raw.githubusercontent.com/Azure/enterprise-azure-policy-as-code/main/Schemas/policy-definition-schema.json"
            name       = $fileContent.name
            properties = $fileContent.properties
        }
        $category = $baseTemplate.properties.Metadata.category
        ([PSCustomObject]$baseTemplate | Select-Object -Property "`$schema", name, properties | ConvertTo-Json -Depth 50) -replace "\[\[", "[" | New-Item -Path "$DefinitionsRootFolder/policyDefinitions/$Type/$category" -ItemType File -Name "$($fileContent.name).json" -Force -ErrorAction SilentlyContinue
        [void]$syncedPolicyDefinitionNames.Add(($fileContent.name -replace "/", "_" -replace "%", "pc"))
    }
    Write-ModernSection -Title "Creating Policy Set Definition Objects" -Indent 0
    #endregion Create policy definition objects

    #region Create policy set definition objects
    foreach ($file in Get-ChildItem -Path "$LibraryPath/platform/$($Type.ToLower())/policy_set_definitions" -Recurse -File -Include *.json) {
        $fileContent = Get-Content -Path $file.FullName -Raw | ConvertFrom-Json
        $baseTemplate = [ordered]@{
            "`$schema" = "https://raw.githubusercontent.com/Azure/enterprise-azure-policy-as-code/main/Schemas/policy-set-definition-schema.json"
            name       = $fileContent.name
            properties = [ordered]@{
                description            = $fileContent.properties.description
                displayName            = $fileContent.properties.displayName
                metadata               = $fileContent.properties.metadata
                parameters             = $fileContent.properties.parameters
                policyType             = $fileContent.properties.policyType
                policyDefinitionGroups = $fileContent.properties.policyDefinitionGroups
            }
        }
        $policyDefinitions = @()
        # Fix the policyDefinitionIds for custom policies
        foreach ($policyDefinition in $fileContent.properties.policyDefinitions) {
            $obj = [ordered]@{
                parameters                  = $policyDefinition.parameters
                groupNames                  = $policyDefinition.groupNames
                policyDefinitionReferenceId = $policyDefinition.policyDefinitionReferenceId
            }
            if ($policyDefinition.policyDefinitionId -match "managementGroups") {
                $obj.Add("policyDefinitionName", $policyDefinition.policyDefinitionId.split("/")[ - 1])
            }
            else {
                $obj.Add("policyDefinitionId", $policyDefinition.policyDefinitionId)
            }
            if ($policyDefinition.definitionVersion) {
                $obj.Add("definitionVersion", $policyDefinition.definitionVersion)
            }
            $policyDefinitions += $obj
        }
        $baseTemplate.properties.policyDefinitions = $policyDefinitions

        # Force property order
        $orderedProps = [ordered]@{
            description            = $baseTemplate.properties.description
            displayName            = $baseTemplate.properties.displayName
            metadata               = $baseTemplate.properties.metadata
            parameters             = $baseTemplate.properties.parameters
            policyDefinitions      = $baseTemplate.properties.policyDefinitions
            policyType             = $baseTemplate.properties.policyType
            policyDefinitionGroups = $baseTemplate.properties.policyDefinitionGroups
        }
        $baseTemplate.properties = $orderedProps

        $category = $baseTemplate.properties.Metadata.category
        ([PSCustomObject]$baseTemplate | Select-Object -Property "`$schema", name, properties | ConvertTo-Json -Depth 50) -replace "\[\[", "[" `
            -replace "variables\('scope'\)", "'/providers/Microsoft.Management/managementGroups/$managementGroupId'" `
            -replace "(?<!'true)', '(?!false)", "" `
            -replace "\[concat\(('(.+)')\)\]", "`$2" | New-Item -Path "$DefinitionsRootFolder/policySetDefinitions/$Type/$category" -ItemType File -Name "$($fileContent.name).json" -Force -ErrorAction SilentlyContinue
    }
    Write-ModernSection -Title "Creating Assignment Objects" -Indent 0
}
#endregion Create policy set definition objects

if (-not($SyncAssignmentsOnly) -and $Type -eq "AMBA" -and $SyncAMBAExtendedPolicies) {
    Write-ModernSection -Title "Creating AMBA Extended Policy Definition Objects" -Indent 0
    #region Create AMBA extended policy definition objects
    foreach ($file in (Get-ChildItem -Path "$AMBALibraryPath/services" -Recurse -File -Include *.json | Where-Object FullName -match "[\\/]+policy[\\/]+")) {
        $fileContent = Get-Content -Path $file.FullName -Raw | ConvertFrom-Json
        $policyName = $fileContent.name -replace "/", "_" -replace "%", "pc"
        if ($syncedPolicyDefinitionNames.Contains($policyName)) {
            Write-ModernStatus -Message "Skipping duplicate policy definition '$policyName' - already synced from ALZ Library" -Status "warning" -Indent 2
            continue
        }
        $baseTemplate = [ordered]@{
            '$schema'  = "https://raw.githubusercontent.com/Azure/enterprise-azure-policy-as-code/main/Schemas/policy-definition-schema.json"
            name       = $policyName
            properties = $fileContent.properties
        }
        $fileName = $file.BaseName
        $file.DirectoryName -match 'services[\\/]+([^\\/]+)[\\/]+([^\\/]+)'
        $subPath = "$($Matches[1])/$($Matches[2])"
        ([PSCustomObject]$baseTemplate | Select-Object -Property "`$schema", name, properties | ConvertTo-Json -Depth 50) -replace '\[\[', '[' | New-Item -Path "$DefinitionsRootFolder/policyDefinitions/$Type/$subPath" -ItemType File -Name "$($fileName).json" -Force -ErrorAction SilentlyContinue
    }
}

#region Create assignment objects
try {
    $structureFilePath = Get-ChildItem -Path $structureDirectory -Filter "*.$PacEnvironmentSelector.jsonc" -Recurse | Where-Object { $_.Name -match "$($Type.ToLower()).policy_default_structure" } | Select-Object -First 1
    $structureFile = Get-Content -Path $structureFilePath.FullName -Raw -ErrorAction Stop | ConvertFrom-Json
    Write-ModernStatus -Message "Policy default structure file: $structureFilePath" -Status "info" -Indent 2
    switch ($structureFile.enforcementMode) {
        "Default" { $enforcementModeText = "must" }
        "DoNotEnforce" { $enforcementModeText = "should" }
    }
}
catch {
    Write-ModernStatus -Message "Error reading the policy default structure file: $($_.Exception.Message)" -Status "error" -Indent 2
    Write-ModernStatus -Message "Please run New-ALZPolicyDefaultStructure.ps1 first" -Status "warning" -Indent 2
    exit
}

# Gather existing files
$existingAssignments = Get-ChildItem -Path "$DefinitionsRootFolder/policyAssignments/$Type/$PacEnvironmentSelector" -Recurse -File -Include *.jsonc -ErrorAction SilentlyContinue | `
    ForEach-Object {
    $content = Get-Content -Path $_.FullName -Raw | ConvertFrom-Json
    [PSCustomObject]@{
        Path = $_.FullName
        Name = $content.assignment.name
    }
}

$policyAssignmentNameOverrides = @{}
$resolvedAssignmentNameOverrideKeys = [System.Collections.Generic.HashSet[string]]::new()

if ($EnableOverrides) {
    Write-ModernStatus -Message "Overrides enabled: Custom management group structures and assignments will be used where available." -Status "info" -Indent 2
    if ($structureFile.overrides.archetypes.ignore) {
        $ignoreArchetypes = $structureFile.overrides.archetypes.ignore
    }
    if ($structureFile.overrides.archetypes.custom) {
        $customArchetypes = $structureFile.overrides.archetypes.custom
    }
}

try {
    # Determine if custom archetypes should be injected
    $archetypeArray = @()
    foreach ($file in Get-ChildItem -Path "$LibraryPath/platform/$($Type.ToLower())/archetype_definitions" -Recurse -File -Include *.json) {
        $customArchetypeContent = Get-Content -Path $file.FullName -Raw | ConvertFrom-Json
        $archetypeArray += $customArchetypeContent
    }
    foreach ($customArchetype in $customArchetypes) {
        #Check if included in management group mappings
        if (-not ($structureFile.managementGroupNameMappings.PSObject.Properties.Name -contains $customArchetype.name) -and (-not ($Type -eq "SLZ" -and (($structureFile.managementGroupNameMappings.PSObject.Properties.Name -contains $customArchetype.name) -or ($structureFile.overrides.archetypes.custom.name -contains $customArchetype.name) )))) {
            Write-ModernStatus -Message "Custom archetype '$($customArchetype.name)' not found in management group mappings. Skipping." -Status "warning" -Indent 2
            continue
        }
        if ($customArchetype.policy_assignments_to_add) {
            $normalizedPolicyAssignmentsToAdd = @()
            foreach ($policyAssignmentToAdd in @($customArchetype.policy_assignments_to_add)) {
                if ($policyAssignmentToAdd -is [string]) {
                    if ($policyAssignmentToAdd.Length -gt 24) {
                        throw "policy_assignments_to_add['$policyAssignmentToAdd'] would generate an assignment name of $($policyAssignmentToAdd.Length) chars but the target scope is a management group (24-char limit). Specify an assignment_name override, or omit this entry."
                    }
                    $normalizedPolicyAssignmentsToAdd += $policyAssignmentToAdd
                    continue
                }

                if ($policyAssignmentToAdd -is [psobject] -and
                    $policyAssignmentToAdd.PSObject.Properties.Name -contains "policy_name" -and
                    $policyAssignmentToAdd.PSObject.Properties.Name -contains "assignment_name") {
                    if ([string]::IsNullOrWhiteSpace($policyAssignmentToAdd.policy_name) -or [string]::IsNullOrWhiteSpace($policyAssignmentToAdd.assignment_name)) {
                        throw "policy_assignments_to_add for archetype '$($customArchetype.name)' contains an entry with empty policy_name or assignment_name."
                    }
                    if ($policyAssignmentToAdd.assignment_name.Length -gt 24) {
                        throw "policy_assignments_to_add['$($policyAssignmentToAdd.policy_name)'].assignment_name '$($policyAssignmentToAdd.assignment_name)' exceeds the management-group assignment name limit (24 chars)."
                    }
                    $normalizedPolicyAssignmentsToAdd += $policyAssignmentToAdd.policy_name
                    $finalArchetypeName = Get-ALZFinalArchetypeName -ArchetypeName $customArchetype.name -Type $Type
                    if (-not $policyAssignmentNameOverrides.ContainsKey($finalArchetypeName)) {
                        $policyAssignmentNameOverrides[$finalArchetypeName] = @{}
                    }
                    $policyAssignmentNameOverrides[$finalArchetypeName][$policyAssignmentToAdd.policy_name] = $policyAssignmentToAdd.assignment_name
                    continue
                }

                throw "policy_assignments_to_add for archetype '$($customArchetype.name)' must use either a string value or an object with policy_name and assignment_name."
            }

            $customArchetype.policy_assignments_to_add = @($normalizedPolicyAssignmentsToAdd)
        }
        $archetypeArray += $customArchetype
    }
    # Modify default archetypes if requested
    $finalArchetypeArray = @()
    $cleanupArchetype = @() # Track archetypes that end up with no assignments and need to be cleaned up from the final array
    # Modify anything that is existing
    foreach ($archetype in $archetypeArray | Where-Object { $_.type -eq "existing" }) {
        if ($archetype.PSObject.properties.name -contains "based_on") {
            $basedOnMatchNames = Get-ALZBasedOnMatchNames -BasedOn $archetype.based_on -Type $Type
            $archetypeObj = @{
                name               = $archetype.name
                policy_assignments = $archetypeArray | Where-Object { $_.name -in $basedOnMatchNames -and $_.PSObject.properties.name -notcontains "type" } | Select-Object -ExpandProperty policy_assignments | Where-Object { $_ -notin $archetype.policy_assignments_to_remove }
            }
        }
        else {
            if ($archetype.name -eq "landingzones") {
                $archetypeObj = @{
                    name               = Get-ALZFinalArchetypeName -ArchetypeName $archetype.name -Type $Type
                    policy_assignments = $archetypeArray | Where-Object { $_.name -match "landing_zones" -and $_.PSObject.properties.name -notcontains "type" } | Select-Object -ExpandProperty policy_assignments | Where-Object { $_ -notin $archetype.policy_assignments_to_remove }
                }
            }
            elseif ($archetype.name -eq "alz") {
                $archetypeObj = @{
                    name               = Get-ALZFinalArchetypeName -ArchetypeName $archetype.name -Type $Type
                    policy_assignments = $archetypeArray | Where-Object { $_.name -match "root" -and $_.PSObject.properties.name -notcontains "type" } | Select-Object -ExpandProperty policy_assignments | Where-Object { $_ -notin $archetype.policy_assignments_to_remove }
                }
            }
            elseif ($archetype.name -eq "sovereign_root") {
                $archetypeObj = @{
                    name               = Get-ALZFinalArchetypeName -ArchetypeName $archetype.name -Type $Type
                    policy_assignments = $archetypeArray | Where-Object { $_.name -match "sovereign_root" -and $_.PSObject.properties.name -notcontains "type" } | Select-Object -ExpandProperty policy_assignments | Where-Object { $_ -notin $archetype.policy_assignments_to_remove }
                }
            }
            else {
                $archetypeObj = @{
                    name               = Get-ALZFinalArchetypeName -ArchetypeName $archetype.name -Type $Type
                    policy_assignments = $archetypeArray | Where-Object { $_.name -match $archetype.name -and $_.PSObject.properties.name -notcontains "type" } | Select-Object -ExpandProperty policy_assignments | Where-Object { $_ -notin $archetype.policy_assignments_to_remove }
                }
            }
        }
        if ($archetype.policy_assignments_to_add) {
            if ($archetypeObj.policy_assignments -is [string]) {
                $archetypeObj.policy_assignments = @($archetypeObj.policy_assignments)
            }
            $archetypeObj.policy_assignments += $archetype.policy_assignments_to_add
        }
        if (-not($archetypeObj.policy_assignments | Measure-Object).Count -eq 0) {
            $finalArchetypeArray += $archetypeObj
        }
        else {
            Write-ModernStatus -Message "Archetype '$($archetype.name)' has no policy assignments after modifications. Skipping." -Status "warning" -Indent 2
            $cleanupArchetype += $archetype.name
        }

    }
    #Check again for new archetypes based on a custom archetype
    foreach ($archetype in $archetypeArray | Where-Object { $_.type -eq "existing" -and $_.name -notin ($finalArchetypeArray.name) -and (($_.name -notmatch "alz") -or ($Type -eq "AMBA" -and $_.name -eq "alz")) }) {
        if ($archetype.PSObject.properties.name -contains "based_on") {
            $basedOnMatchNames = Get-ALZBasedOnMatchNames -BasedOn $archetype.based_on -Type $Type
            $archetypeObj = @{
                name               = $archetype.name
                policy_assignments = $finalArchetypeArray | Where-Object { $_.name -in $basedOnMatchNames -and $_.PSObject.properties.name -notcontains "type" } | Select-Object -ExpandProperty policy_assignments | Where-Object { $_ -notin $archetype.policy_assignments_to_remove }
            }
        }
        if ($archetype.policy_assignments_to_add) {
            $archetypeObj.policy_assignments += $archetype.policy_assignments_to_add
        }
        if (-not($archetypeObj.policy_assignments | Measure-Object).Count -eq 0) {
            $finalArchetypeArray += $archetypeObj
        }
        else {
            Write-ModernStatus -Message "Archetype '$($archetype.name)' has no policy assignments after modifications. Skipping." -Status "warning" -Indent 2
            $cleanupArchetype += $archetype.name
        }
    }

    # Add any new archetypes
    foreach ($archetype in $archetypeArray | Where-Object { $_.type -ne "existing" -and $_.name -notin ($finalArchetypeArray.name) }) {
        $finalArchetypeArray += $archetype
    }

    # Get rid of a duplicate landing zones archetype if it exists
    if (($finalArchetypeArray.name -contains "landingzones" -and $finalArchetypeArray.name -contains "landing_zones")) {
        $finalArchetypeArray = $finalArchetypeArray | Where-Object { $_.name -ne "landing_zones" }
    }

    # In AMBA, overrides target base archetype names (e.g., alz/platform/connectivity) but final archetypes are amba_*.
    # Apply all override removals against the mapped AMBA archetype names.
    if ($Type -eq "AMBA") {
        $ambaArchetypeNameMap = @{
            "alz"           = "amba_root"
            "root"          = "amba_root"
            "landingzones"  = "amba_landing_zones"
            "landing_zones" = "amba_landing_zones"
        }

        foreach ($overrideArchetype in ($archetypeArray | Where-Object { $_.type -eq "existing" -and $_.PSObject.Properties.Name -contains "policy_assignments_to_remove" })) {
            $overrideRemovals = @($overrideArchetype.policy_assignments_to_remove)
            if (($overrideRemovals | Measure-Object).Count -eq 0) {
                continue
            }

            $mappedArchetypeName = if ($overrideArchetype.name -like "amba_*") {
                $overrideArchetype.name
            }
            elseif ($ambaArchetypeNameMap.ContainsKey($overrideArchetype.name)) {
                $ambaArchetypeNameMap[$overrideArchetype.name]
            }
            else {
                "amba_$($overrideArchetype.name)"
            }

            foreach ($archetype in ($finalArchetypeArray | Where-Object { $_.name -eq $mappedArchetypeName })) {
                $archetype.policy_assignments = @($archetype.policy_assignments | Where-Object { $_ -notin $overrideRemovals })
            }
        }
    }

    if ($cleanupArchetype -contains "alz") {
        $cleanupArchetype += "root"
    }

    if ($cleanupArchetype -contains "landingzones") {
        $cleanupArchetype += "landing_zones"
    }

    # Cleanup any archetypes that are based on modified archetypes but were not themselves modified and now have no assignments
    $finalArchetypeArray = $finalArchetypeArray | Where-Object { $_.name -notin $cleanupArchetype }
    # Remove files in policyAssignments that are not in the new structure

    foreach ($archetype in $archetypeArray) {
        foreach ($policyToRemove in $archetype.policy_assignments_to_remove) {
            $existingFile = $existingAssignments | Where-Object { $_.Name -eq $policyToRemove }
            if ($existingFile) {
                Remove-Item -Path $existingFile.Path -Force -ErrorAction SilentlyContinue
                Write-ModernStatus -Message "Removed assignment '$policyToRemove' as it is no longer included in the archetype '$($archetype.name)'." -Status "info" -Indent 2
            }
        }
    }

    $createdPolicyAssignments = @()

    if ($EnableOverrides) {
        $enforcementModeObject = $structureFile.overrides.enforcementMode
    }

    # Invert the enforcement mode object structure: each value in the arrays becomes a key, with the original key as its value
    $invertedEnforcementMode = @{}
    if ($null -ne $enforcementModeObject) {
        foreach ($property in $enforcementModeObject.PSObject.Properties) {
            foreach ($item in $property.Value) {
                $invertedEnforcementMode[$item] = $property.Name
            }
        }
    }

    foreach ($archetype in $finalArchetypeArray) {
        if ($archetype.name -in $ignoreArchetypes) {
            Write-ModernStatus -Message "Ignoring archetype: $($archetype.name)" -Status "info" -Indent 2
            continue
        }
        foreach ($requiredAssignment in ($archetype.policy_assignments | Where-Object {
                    -not [string]::IsNullOrWhiteSpace("$_") -and ($CreateGuardrailAssignments -or ($_ -notmatch "^Enforce-(GR|Encrypt)-\w+0"))
                })) {
            $assignmentNameOverride = $null
            if ($policyAssignmentNameOverrides.ContainsKey($archetype.name) -and $policyAssignmentNameOverrides[$archetype.name].ContainsKey($requiredAssignment)) {
                $assignmentNameOverride = $policyAssignmentNameOverrides[$archetype.name][$requiredAssignment]
            }
            switch ($Type) {
                "ALZ" { $fileContent = Get-ChildItem -Path "$LibraryPath/platform/$($Type.ToLower())/policy_assignments" | Where-Object { $_.BaseName.Split(".")[0] -eq $requiredAssignment } | Get-Content -Raw | ConvertFrom-Json }
                "AMBA" { $fileContent = Get-ChildItem -Path "$LibraryPath/platform/$($Type.ToLower())/policy_assignments" | Where-Object { $_.BaseName.Split(".")[0].Replace("_", "-") -eq $requiredAssignment } | Get-Content -Raw | ConvertFrom-Json }
                "SLZ" { $fileContent = Get-ChildItem -Path "$LibraryPath/platform/$($Type.ToLower())/policy_assignments" | Where-Object { $_.BaseName.Split(".")[0].Replace("_", "-") -eq $requiredAssignment } | Get-Content -Raw | ConvertFrom-Json }
                "FSI" { $fileContent = Get-ChildItem -Path "$LibraryPath/platform/$($Type.ToLower())/policy_assignments" | Where-Object { $_.BaseName.Split(".")[0].Replace("_", "-") -eq $requiredAssignment } | Get-Content -Raw | ConvertFrom-Json }
                default { $fileContent = Get-ChildItem -Path "$LibraryPath/platform/$($Type.ToLower())/policy_assignments" | Where-Object { $_.BaseName.Split(".")[0] -eq $requiredAssignment } | Get-Content -Raw | ConvertFrom-Json }
            }

            if ($null -eq $fileContent -or [string]::IsNullOrWhiteSpace($fileContent.name)) {
                if ($Type -eq "ALZ") {
                    # Search for a policy definitions file that matches the required assignment name as a fallback for unresolved assignments
                    $fileContent = Get-ChildItem -Path "$LibraryPath/platform/$($Type.ToLower())/policy_definitions" -Recurse -File -Include *.json | Where-Object { $_.BaseName.Split(".")[0] -eq $requiredAssignment } | Get-Content -Raw | ConvertFrom-Json
                    $assignmentFromDefinition = $true
                }
                if ($null -eq $fileContent -or [string]::IsNullOrWhiteSpace($fileContent.name)) {
                    Write-ModernStatus -Message "Skipping unresolved policy definition '$requiredAssignment' in archetype '$($archetype.name)'." -Status "warning" -Indent 2
                    continue
                }
            }

            $nodeNamePrefix = if ($archetype.name -eq "landingzones") { "landing_zones" } else { $archetype.name }
            $effectiveAssignmentName = if ([string]::IsNullOrWhiteSpace($assignmentNameOverride)) { $fileContent.Name } else { $assignmentNameOverride }

            $baseTemplate = [ordered]@{
                "`$schema"      = "https://raw.githubusercontent.com/Azure/enterprise-azure-policy-as-code/main/Schemas/policy-assignment-schema.json"
                nodeName        = "$($nodeNamePrefix)/$effectiveAssignmentName"
                assignment      = [ordered]@{
                    name        = $effectiveAssignmentName
                    displayName = $fileContent.properties.displayName
                    description = $fileContent.properties.description
                }
                definitionEntry = [ordered]@{
                    displayName = $fileContent.properties.displayName
                }
                parameters      = [ordered]@{}
                # enforcementMode = $structureFile.enforcementMode
                enforcementMode = if ($invertedEnforcementMode.ContainsKey("$($nodeNamePrefix)/$effectiveAssignmentName")) {
                    $invertedEnforcementMode["$($nodeNamePrefix)/$effectiveAssignmentName"]
                }
                else {
                    $structureFile.enforcementMode
                }
                
            }

            # Definition Version
            if ($null -ne $fileContent.properties.definitionVersion) {
                $baseTemplate.Add("definitionVersion", $fileContent.properties.definitionVersion)
            }

            # Definition Entry
            if ($fileContent.properties.policyRule) {
                $baseTemplate.definitionEntry.Add("policyName", $fileContent.name)
            }
            elseif ($fileContent.properties.policyDefinitions) {
                $baseTemplate.definitionEntry.Add("policySetName", $fileContent.name)
            }
            elseif ($fileContent.properties.policyDefinitionId -match "placeholder.+policySetDefinition") {
                $baseTemplate.definitionEntry.Add("policySetName", ($fileContent.properties.policyDefinitionId).Split("/")[ - 1])
            }
            elseif ($fileContent.properties.policyDefinitionId -match "placeholder.+policyDefinition") {
                $baseTemplate.definitionEntry.Add("policyName", ($fileContent.properties.policyDefinitionId).Split("/")[ - 1])
            }
            elseif ($fileContent.properties.policyDefinitionId -match "policySetDefinitions") {
                $baseTemplate.definitionEntry.Add("policySetId", ($fileContent.properties.policyDefinitionId))
            }
            else {
                $baseTemplate.definitionEntry.Add("policyId", ($fileContent.properties.policyDefinitionId))
            }
            
            #Scope
            $scopeTrim = $archetype.name
            if ($scopeTrim -eq "root") {
                $scopeTrim = "alz"
            }
            if ($scopeTrim -like "amba_*") {
                $scopeTrim = $scopeTrim -replace "amba_", ""
                if ($scopeTrim -eq "root") {
                    $scopeTrim = "alz"
                }
            }
            if ($scopeTrim -eq "landing_zones") {
                $scopeTrim = "landingzones"
            }
            if ($scopeTrim -eq "global") {
                $scopeTrim = "mcfs"
            }
            if ($scopeTrim -eq "sovereign_root" -and $Type -eq "SLZ") {
                $scopeTrim = "slz"
            }
            if ($Type -eq "FSI" -and $scopeTrim -ne "confidential") {
                $scopeTrim = "fsi"
            }
            if ($scopeTrim -eq "confidential") {
                $scopes = foreach ($key in $structureFile.managementGroupNameMappings.psObject.Properties.Name) {
                    if ($structureFile.managementGroupNameMappings.$key.management_group_function -match $scopeTrim) {
                        # Handle both string and array values
                        $value = $structureFile.managementGroupNameMappings.$key.value
                        if ($value -is [array]) {
                            $value
                        }
                        else {
                            $value
                        }
                    }
                }
                $scope = [ordered]@{
                    $PacEnvironmentSelector = $scopes
                }
            }
            else {
                $scopeValueFromArchetypeMap = $null
                if ($Type -eq "SLZ" -and $null -ne $structureFile.archetypeScopeMappings) {
                    $scopeValueFromArchetypeMap = $structureFile.archetypeScopeMappings.$scopeTrim
                }

                if ($null -ne $scopeValueFromArchetypeMap) {
                    if ($scopeValueFromArchetypeMap -is [array]) {
                        $resolvedScopeValues = @($scopeValueFromArchetypeMap | Where-Object { -not [string]::IsNullOrWhiteSpace("$_") } | Select-Object -Unique)
                    }
                    else {
                        $resolvedScopeValues = @($scopeValueFromArchetypeMap)
                    }

                    $scope = [ordered]@{
                        $PacEnvironmentSelector = $resolvedScopeValues
                    }
                }
                else {
                    # Handle both string and array values for regular scope mappings
                    $scopeValue = $structureFile.managementGroupNameMappings.$scopeTrim.value
                    if ($scopeValue -is [array]) {
                        $scope = [ordered]@{
                            $PacEnvironmentSelector = $scopeValue
                        }
                    }
                    else {
                        $scope = [ordered]@{
                            $PacEnvironmentSelector = @(
                                $scopeValue
                            )
                        }
                    }
                }
            }


            $baseTemplate.Add("scope", $scope)

            $ambaAssignmentsRequiringAdditionalRoleAssignments = @(
                "Deploy-AMBA-Web",
                "Deploy-AMBA-VM",
                "Deploy-AMBA-HybridVM",
                "Deploy-AMBA-VMSS",
                "Deploy-AMBA-Management"
            )

            # Base Parameters
            if ($fileContent.name -ne "Deploy-Private-DNS-Zones" -and $assignmentFromDefinition -ne $true) {
                foreach ($parameter in $fileContent.properties.parameters.psObject.Properties.Name) {
                    $baseTemplate.parameters.Add($parameter, $fileContent.properties.parameters.$parameter.value)
                }
            }

            # Non-compliance messages
            if ($null -ne $fileContent.properties.nonComplianceMessages) {
                $obj = @(
                    @{
                        message = $fileContent.properties.nonComplianceMessages.message -replace "{enforcementMode}", $enforcementModeText
                    }
                )
                $baseTemplate.Add("nonComplianceMessages", $obj)
            }


            # Check for explicit parameters
            if ($fileContent.name -ne "Deploy-Private-DNS-Zones") {
                foreach ($key in $structureFile.defaultParameterValues.psObject.Properties.Name) {
                    if ($structureFile.defaultParameterValues.$key.policy_assignment_name -eq $fileContent.name) {
                        $keyName = $structureFile.defaultParameterValues.$key.parameters.parameter_name
                        $baseTemplate.parameters.$keyName = $structureFile.defaultParameterValues.$key.parameters.value
                    }
                }
                # Check for override parameter values
                if ($EnableOverrides) {
                    if ($structureFile.overrides.parameters.$($archetype.name)) {
                        foreach ($overrideParameters in $structureFile.overrides.parameters.$($archetype.name) | Where-Object { $_.policy_assignment_name -eq $fileContent.name }) {
                            foreach ($param in $overrideParameters.parameters) {
                                $baseTemplate.parameters[$param.parameter_name] = $param.value
                            }
                            # sort parameters alphabetically
                            $sortedParams = [ordered]@{}
                            foreach ($key in ($baseTemplate.parameters.Keys | Sort-Object)) {
                                $sortedParams[$key] = $baseTemplate.parameters[$key]
                            }
                            # Replace the original with the sorted version
                            $baseTemplate.parameters = $sortedParams
                        }

                    }
                }

                if ($Type -eq "AMBA" -and $fileContent.name -in $ambaAssignmentsRequiringAdditionalRoleAssignments) {
                    $managementScopeValue = $structureFile.managementGroupNameMappings.management.value
                    $additionalRoleAssignments = @{
                        $PacEnvironmentSelector = @(
                            [ordered]@{
                                roleDefinitionId = "/providers/microsoft.authorization/roleDefinitions/f1a07417-d97a-45cb-824c-7a7467783830"
                                scope            = $managementScopeValue
                            }
                        )
                    }
                    $baseTemplate.Add("additionalRoleAssignments", $additionalRoleAssignments)
                }
            }
            else {
                $dnsZoneRegion = $structureFile.defaultParameterValues.private_dns_zone_region.parameters.value
                $dnzZoneSubscription = $structureFile.defaultParameterValues.private_dns_zone_subscription_id.parameters.value
                $dnzZoneResourceGroupName = $structureFile.defaultParameterValues.private_dns_zone_resource_group_name.parameters.value
                foreach ($parameter in $fileContent.properties.parameters.psObject.Properties.Name) {
                    $value = "/subscriptions/$dnzZoneSubscription/resourceGroups/$dnzZoneResourceGroupName/providers/Microsoft.Network/privateDnsZones/$($fileContent.properties.parameters.$parameter.value.split("/")[-1])"
                    #$value = $fileContent.properties.parameters.$parameter.value -replace "00000000-0000-0000-0000-000000000000", $dnzZoneSubscription -replace "placeholder", $dnzZoneResourceGroupName
                    $baseTemplate.parameters.Add($parameter, $value)
                }

                $additionalRoleAssignments = @{
                    $PacEnvironmentSelector = @(
                        [ordered]@{
                            roleDefinitionId = "/providers/microsoft.authorization/roleDefinitions/b12aa53e-6015-4669-85d0-8515ebb3ae7f"
                            scope            = "/subscriptions/$($structureFile.defaultParameterValues.private_dns_zone_subscription_id.parameters.value)"
                        }
                    )
                }
                $baseTemplate.Add("additionalRoleAssignments", $additionalRoleAssignments)


            }

            $category = $structureFile.managementGroupNameMappings.$scopeTrim.management_group_function
            if ([string]::IsNullOrWhiteSpace($category)) {
                $category = $archetype.name
            }
            if ($assignmentFromDefinition) {
                ([PSCustomObject]$baseTemplate | Select-Object -Property "`$schema", nodeName, assignment, definitionEntry, enforcementMode, parameters, scope | ConvertTo-Json -Depth 50) -replace "\[\[", "[" | New-Item -Path "$DefinitionsRootFolder/policyAssignments/$Type/$PacEnvironmentSelector/$category" -ItemType File -Name "$effectiveAssignmentName.jsonc" -Force -ErrorAction SilentlyContinue
            }
            elseif ($fileContent.name -eq "Deploy-Private-DNS-Zones") {
                ([PSCustomObject]$baseTemplate | Select-Object -Property "`$schema", nodeName, assignment, definitionEntry, definitionVersion, enforcementMode, parameters, nonComplianceMessages, scope, additionalRoleAssignments | ConvertTo-Json -Depth 50) -replace "\[\[", "[" | New-Item -Path "$DefinitionsRootFolder/policyAssignments/$Type/$PacEnvironmentSelector/$category" -ItemType File -Name "$effectiveAssignmentName.jsonc" -Force -ErrorAction SilentlyContinue
                (Get-Content "$DefinitionsRootFolder/policyAssignments/$Type/$PacEnvironmentSelector/$category/$effectiveAssignmentName.jsonc") -replace "\.ne\.", ".$dnsZoneRegion." | Set-Content "$DefinitionsRootFolder/policyAssignments/$Type/$PacEnvironmentSelector/$category/$effectiveAssignmentName.jsonc"
            }
            elseif ($Type -eq "AMBA" -and $fileContent.name -in $ambaAssignmentsRequiringAdditionalRoleAssignments) {
                ([PSCustomObject]$baseTemplate | Select-Object -Property "`$schema", nodeName, assignment, definitionEntry, definitionVersion, enforcementMode, parameters, nonComplianceMessages, scope, additionalRoleAssignments | ConvertTo-Json -Depth 50) -replace "\[\[", "[" | New-Item -Path "$DefinitionsRootFolder/policyAssignments/$Type/$PacEnvironmentSelector/$category" -ItemType File -Name "$effectiveAssignmentName.jsonc" -Force -ErrorAction SilentlyContinue
            }
            else {
                ([PSCustomObject]$baseTemplate | Select-Object -Property "`$schema", nodeName, assignment, definitionEntry, definitionVersion, enforcementMode, parameters, nonComplianceMessages, scope | ConvertTo-Json -Depth 50) -replace "\[\[", "[" | New-Item -Path "$DefinitionsRootFolder/policyAssignments/$Type/$PacEnvironmentSelector/$category" -ItemType File -Name "$effectiveAssignmentName.jsonc" -Force -ErrorAction SilentlyContinue
            }
            $obj = [PSCustomObject]@{
                Path = "$DefinitionsRootFolder/policyAssignments/$Type/$PacEnvironmentSelector/$category/$effectiveAssignmentName.jsonc"
                Name = $effectiveAssignmentName
            }
            $createdPolicyAssignments += $obj
            if (-not [string]::IsNullOrWhiteSpace($assignmentNameOverride)) {
                $null = $resolvedAssignmentNameOverrideKeys.Add("$($archetype.name)|$requiredAssignment")
            }
            $assignmentFromDefinition = $false
        }
    }

    # Warn about any assignment_name overrides that never resolved to a created assignment.
    # This surfaces archetype/policy name mismatches that would otherwise silently produce an
    # assignment under the long library name instead of the requested override name.
    foreach ($archetypeKey in $policyAssignmentNameOverrides.Keys) {
        foreach ($policyKey in $policyAssignmentNameOverrides[$archetypeKey].Keys) {
            if (-not $resolvedAssignmentNameOverrideKeys.Contains("$archetypeKey|$policyKey")) {
                Write-ModernStatus -Message "Assignment name override '$($policyAssignmentNameOverrides[$archetypeKey][$policyKey])' for policy '$policyKey' in archetype '$archetypeKey' did not resolve to any created assignment and was ignored." -Status "warning" -Indent 2
            }
        }
    }

    # Remove any assignments that were not created in this sync to clean up old assignments that are no longer in the library structure
    $assignmentsToRemove = $existingAssignments | Where-Object { $_.Name -notin $createdPolicyAssignments.Name }
    foreach ($assignment in $assignmentsToRemove) {
        Remove-Item -Path $assignment.Path -Force -ErrorAction SilentlyContinue
        Write-ModernStatus -Message "Removed assignment '$($assignment.Name)' as it is no longer included in the library structure." -Status "info" -Indent 2
    }

    if ($LibraryPath -eq $tempPath) {
        Remove-Item $LibraryPath -Recurse -Force -ErrorAction SilentlyContinue
    }

    if ($AMBALibraryPath) {
        Remove-Item $AMBALibraryPath -Recurse -Force -ErrorAction SilentlyContinue
    }

    Write-ModernStatus -Message "ALZ Policy sync completed successfully" -Status "success" -Indent 0
}
catch {
    Write-ModernStatus -Message "Error during sync: $($_.Exception.Message)" -Status "error" -Indent 0
    exit
}
#endregion Create assignment objects
