/**
 * The demo clinic's price list for training mode, in the import format (CSV, UTF-8, header first).
 * Services carry the national medical-service code (医疗服务项目: '00' + the 9-digit item of the national
 * price specification + '0000'); materials carry their consumable code from the national catalog.
 * Prices are a community health station's in Zhengzhou, in yuan.
 */
export const DEMO_PRICE_LIST_CSV = `code,national_code,name,category,unit,price
FW0001,001102000010000,普通门诊诊查费,consult,次,10.00
FW0002,001102000020000,副主任医师诊查费,consult,次,15.00
FW0003,001102000050000,急诊诊查费,consult,次,12.00
ZL0001,001204000010000,肌肉注射,treatment,次,3.00
ZL0002,001204000060000,静脉输液,treatment,组,6.00
ZL0003,001202000030000,换药（小）,treatment,次,10.00
JY0001,002501010150000,血细胞分析（血常规）,lab,次,20.00
JY0002,002501020350000,尿液分析（尿常规）,lab,次,8.00
JY0003,002503020010000,血清葡萄糖测定,lab,次,6.00
JY0004,002503030010000,血清总胆固醇测定,lab,次,5.00
JC0001,003107010010000,常规心电图检查,exam,次,15.00
JC0002,002203010010000,B超常规检查（单脏器）,exam,次,40.00
CL0001,C02020101403000000007,无菌敷贴,material,盒,6.00
`
