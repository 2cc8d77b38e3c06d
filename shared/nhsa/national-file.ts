/**
 * The national catalog files as the platform hands them out (1301 western and patent medicines, 1306
 * medical consumables, fetched with 9102): one headerless text file inside a ZIP, one item per line,
 * TAB between fields, no trailer. The columns are positional, so their order is the format.
 *
 * Sources (interface-audit.md §2): the order of 1301 is Guangzhou's reader
 * (liutao2019/IBORN_HIS_ALL `MEDICAL/广州医保/API.GZSI/UI/frmCatalogueDownload.cs`, values[0..91]), the same
 * order as newtouch-cloud/openhis `G_yb_wm_tcmpat_info_bVO`, whose names (the national field names) are used
 * here; 1306 is the same reader's values[0..70] with the names of openhis `G_yb_mcs_info_bVO`.
 * Later versions append columns; they are read past, never required.
 */
export const NATIONAL_FILE_COLUMNS = {
  '1301': [
    'med_list_codg', 'drug_prodname', 'genname_codg', 'drug_genname', 'chemname', 'alis', 'eng_name', 'reg_name',
    'drugstdcode', 'drug_dosform', 'drug_dosform_name', 'drug_type', 'drug_type_name', 'drug_spec', 'drug_spec_code',
    'reg_dosform', 'reg_spec', 'reg_spec_code', 'each_dos', 'used_frqu', 'acdbas', 'nat_drug_no', 'used_mtd',
    'tcmpat_flag', 'prodplac_type', 'prodplac_type_name', 'prcunt_type', 'otc_flag', 'otc_flag_name', 'pacmatl',
    'pacmatl_name', 'pacspec', 'pac_cnt', 'efcc_atd', 'rute', 'manl', 'begndate', 'enddate', 'min_useunt',
    'min_salunt', 'min_unt', 'min_pac_cnt', 'min_pacunt', 'min_prepunt', 'minpacunt_name', 'min_prepunt_name',
    'convrat', 'drug_expy', 'min_prcunt', 'wubi', 'pinyin', 'subpck_fcty', 'prodentp_code', 'prodentp_name',
    'sp_lmtpric_drug_flag', 'sp_drug_flag', 'lmt_usescp', 'lmt_used_flag', 'drug_regno', 'drug_regcert_begndate',
    'drug_regcert_enddate', 'aprvno', 'aprvno_begndate', 'aprvno_enddate', 'mkt_stas', 'mkt_stas_name',
    'drug_reg_appvletr_elecacs', 'splm_appy_appvletr_file', 'nat_hi_druglist_memo', 'bas_medn_flag_name',
    'bas_medn_flag', 'advaltax_adjm_drug_flag', 'advaltax_adjm_drug_name', 'lstd_druglist_drug', 'hi_nego_drug_flag',
    'hi_nego_drug_name', 'nhc_drug_codg', 'memo', 'vali_flag', 'rid', 'crte_time', 'updt_time', 'ver', 'ver_name',
    'chld_medc', 'co_name', 'conseval_drug', 'dstr', 'dstr_coner', 'dstr_auth_file_elecacs', 'nat_hi_druglist_dosform',
    'nat_hi_druglist_chrgitm_lv',
  ],
  '1306': [
    'med_list_codg', 'mcs_name', 'udi', 'hi_genname_code', 'hi_genname', 'prod_mol', 'spec_code', 'spec', 'mcs_type',
    'spec_mol', 'matl_code', 'mcs_matl', 'pacspec', 'pac_cnt', 'prod_pacmatl', 'pacunt', 'prod_convrat', 'min_useunt',
    'prodplac_type', 'prodplac_type_name', 'prodstrd', 'prodexpy', 'perf_stru_comp', 'apb_scp', 'prod_istr',
    'prod_img_no', 'prod_qlt_std', 'manl', 'oth_cert_matl', 'sped_flag', 'sped_name', 'comb_name', 'case_flag',
    'lmt_used_flag', 'hi_lmt_scp', 'min_salunt', 'highval_mcs_flag', 'matl_type_code', 'impt_matl_hmorgn_flag',
    'stlz_flag', 'stlz_flag_name', 'impt_itvt_clss_flag', 'impt_itvt_clss_name', 'dspo_used_flag',
    'dspo_used_flag_name', 'reger_name', 'begndate', 'enddate', 'med_equ_mgt_type', 'med_equ_mgt_type_name',
    'reg_fil_no', 'reg_fil_prod_name', 'stru_comp', 'oth_cont', 'aprv_date', 'reger_addr', 'regcert_expy_begntime',
    'regcert_expy_endtime', 'prodentp_code', 'prodentp_name', 'manu_addr', 'agnt_entp', 'agnt_entp_addr',
    'manu_nat_regn', 'aftsal_serins', 'reg_fil_elec_file', 'prod_img', 'vali_flag', 'rid', 'ver', 'ver_name',
  ],
} as const satisfies Record<'1301' | '1306', readonly string[]>

export type NationalFileList = keyof typeof NATIONAL_FILE_COLUMNS
export type NationalFileColumn<L extends NationalFileList> = (typeof NATIONAL_FILE_COLUMNS)[L][number]

/** Column positions by name, so readers and writers never count by hand. */
export function columnIndex<L extends NationalFileList>(list: L, column: NationalFileColumn<L>): number {
  return (NATIONAL_FILE_COLUMNS[list] as readonly string[]).indexOf(column)
}

/** One line of a national file from the columns given by name; every other column empty. */
export function nationalFileLine<L extends NationalFileList>(list: L, values: Partial<Record<NationalFileColumn<L>, string>>): string {
  const byName = values as Partial<Record<string, string>>
  return NATIONAL_FILE_COLUMNS[list].map((c) => (byName[c] ?? '').replace(/[\t\r\n]+/g, ' ')).join('\t')
}
