// Name and place lists for the sample data. Family names follow their usual frequency in the Mekong delta;
// Khmer names in Sóc Trăng are mostly written with a Vietnamese family name (Thạch, Sơn, Kim, Danh, Lâm, Lý...)
// and often a Vietnamised Khmer given name (Sô Phal, Sa Rết...). All strings are NFC.

import type { Rng } from './prng';

type W = readonly (readonly [string, number])[];

const KINH_FAMILY: W = [
  ['Nguyễn', 31], ['Trần', 11], ['Lê', 9], ['Phạm', 6], ['Huỳnh', 6], ['Võ', 5], ['Phan', 4], ['Trương', 2.5],
  ['Bùi', 1.5], ['Đặng', 2], ['Đỗ', 1.5], ['Ngô', 1.5], ['Hồ', 2], ['Dương', 1.5], ['Đinh', 1], ['Lâm', 1.5],
  ['Lưu', 0.8], ['Tô', 0.8], ['Châu', 1], ['Đoàn', 1], ['Cao', 0.8], ['Mai', 0.8], ['Tạ', 0.5], ['Hà', 0.6],
  ['Quách', 0.5], ['Từ', 0.4], ['Lý', 1], ['Thái', 0.6], ['Triệu', 0.4], ['Kiều', 0.3], ['La', 0.4], ['Vương', 0.4],
  ['Hứa', 0.3], ['Giang', 0.4], ['Lương', 0.6], ['Tăng', 0.4], ['Văn', 0.3], ['Diệp', 0.3],
];
const KHMER_FAMILY: W = [
  ['Thạch', 26], ['Sơn', 20], ['Lâm', 11], ['Kim', 10], ['Danh', 6], ['Lý', 8], ['Trần', 4], ['Huỳnh', 3],
  ['Châu', 4], ['Triệu', 3], ['Trà', 2], ['Dương', 2], ['Tăng', 1],
];
const HOA_FAMILY: W = [
  ['Lý', 10], ['Lâm', 10], ['Quách', 6], ['Tăng', 6], ['Lưu', 5], ['Mã', 4], ['Hứa', 5], ['Diệp', 4], ['Trịnh', 4],
  ['Vương', 3], ['Tô', 3], ['Trần', 6], ['Châu', 5], ['Huỳnh', 5], ['Giang', 3], ['Thái', 3], ['Lương', 3], ['La', 2],
];

const MIDDLE_MALE: W = [
  ['Văn', 34], ['Minh', 9], ['Hoàng', 6], ['Quốc', 7], ['Thanh', 7], ['Hữu', 6], ['Công', 4], ['Đức', 4],
  ['Ngọc', 4], ['Trung', 3], ['Chí', 3], ['Thành', 3], ['Tấn', 4], ['Phước', 3], ['Hồng', 2], ['Trọng', 2],
  ['Thế', 2], ['Anh', 1], ['Nhật', 1], ['Gia', 1],
];
const MIDDLE_FEMALE: W = [
  ['Thị', 46], ['Ngọc', 9], ['Thanh', 6], ['Kim', 6], ['Thúy', 3], ['Mỹ', 5], ['Bích', 3], ['Thu', 3],
  ['Hồng', 3], ['Minh', 2], ['Phương', 2], ['Thị Ngọc', 4], ['Thị Thanh', 3], ['Thị Kim', 3], ['Thị Mỹ', 2],
  ['Huỳnh', 1], ['Diễm', 1], ['Tuyết', 1],
];
const GIVEN_MALE = [
  'Hùng', 'Dũng', 'Tuấn', 'Minh', 'Hải', 'Phong', 'Long', 'Khánh', 'Thành', 'Tâm', 'Phúc', 'Tài', 'Hiếu', 'Nam',
  'Bình', 'Trung', 'Quang', 'Hòa', 'Sơn', 'Thắng', 'Toàn', 'Vinh', 'Tú', 'Lộc', 'Nghĩa', 'Thiện', 'Triều', 'Kha',
  'Duy', 'Khoa', 'Đạt', 'Hậu', 'Nhân', 'Lợi', 'Phát', 'Tín', 'Trí', 'Hưng', 'Cường', 'Hoàng', 'Huy', 'Kiệt',
  'Lâm', 'Luân', 'Mẫn', 'Nhựt', 'Phương', 'Quân', 'Sang', 'Tân', 'Thịnh', 'Thuận', 'Tiến', 'Trọng', 'Vũ', 'Việt',
  'Bảo', 'Châu', 'Công', 'Danh', 'Đông', 'Giàu', 'Hiền', 'Khải', 'Linh', 'Ngân', 'Nguyên', 'Phước', 'Quý', 'Tùng',
];
const GIVEN_FEMALE = [
  'Lan', 'Hương', 'Hồng', 'Mai', 'Thảo', 'Trang', 'Linh', 'Ngọc', 'Nhung', 'Hà', 'Hạnh', 'Yến', 'Phượng', 'Diễm',
  'Trinh', 'Thủy', 'Oanh', 'Loan', 'Hằng', 'Nga', 'Vân', 'Tuyết', 'Xuân', 'Thu', 'Hiền', 'Huyền', 'Quyên', 'Ngân',
  'Như', 'Vy', 'Uyên', 'Thư', 'Duyên', 'Nhi', 'Châu', 'Diệu', 'Kiều', 'My', 'Anh', 'Bích', 'Cúc', 'Đào', 'Giang',
  'Hoa', 'Hiếu', 'Khánh', 'Liên', 'Ly', 'Mỹ', 'Nguyệt', 'Nhàn', 'Phương', 'Quỳnh', 'Tâm', 'Thanh', 'Thắm', 'Thoa',
  'Tiên', 'Trâm', 'Tú', 'Vi', 'Xuyến', 'Ánh', 'Dung', 'Em', 'Hân', 'Lệ', 'Ngoan',
];
const KHMER_MIDDLE_MALE: W = [['Văn', 30], ['Sô', 8], ['Ngọc', 8], ['Thanh', 8], ['Hoàng', 5], ['Minh', 6], ['Sa', 6], ['Kim', 5], ['Quốc', 4], ['Sóc', 3]];
const KHMER_MIDDLE_FEMALE: W = [['Thị', 40], ['Ngọc', 8], ['Thị Sa', 8], ['Thị Ngọc', 8], ['Kim', 6], ['Thị Kim', 6], ['Sô', 3], ['Thị Sà', 4], ['Thị Mỹ', 4]];
const KHMER_GIVEN_MALE = [
  'Phal', 'Rinh', 'Sóc', 'Sang', 'Khon', 'Mành', 'Sên', 'Thươl', 'Chanh', 'Phách', 'Ni', 'Rươl', 'Phone', 'Mau',
  'Đa Ra', 'Rát', 'Sà Phol', 'Sô Khom', 'Chăn', 'Thi', 'Sa Ron', 'Pho', 'Sươl', 'Kha Na', 'Sóc Khoen', 'Chanh Đa',
];
const KHMER_GIVEN_FEMALE = [
  'Sa Rết', 'Sa Vân', 'Rây', 'Phi', 'Chanh Thu', 'Sa Mết', 'Thi Đa', 'Sô Thia', 'Sà Ly', 'Na', 'Sa Rươne',
  'Chanh Ry', 'Sa Phia', 'Kha Ny', 'Sóc Phia', 'Đa Ny', 'Mẹt', 'Thươne', 'Sa Rinh', 'Pha Ly',
];

export type EthnicGroup = 'kinh' | 'khmer' | 'hoa' | 'other';

export function personName(rng: Rng, sex: 'nam' | 'nu', group: EthnicGroup): string {
  const female = sex === 'nu';
  if (group === 'khmer') {
    const family = rng.weighted(KHMER_FAMILY);
    const middle = rng.weighted(female ? KHMER_MIDDLE_FEMALE : KHMER_MIDDLE_MALE);
    const given = rng.chance(0.45) ? rng.pick(female ? KHMER_GIVEN_FEMALE : KHMER_GIVEN_MALE) : rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
    return `${family} ${middle} ${given}`;
  }
  const family = rng.weighted(group === 'hoa' ? HOA_FAMILY : KINH_FAMILY);
  let middle = rng.weighted(female ? MIDDLE_FEMALE : MIDDLE_MALE);
  // Some people carry a second middle name ("Nguyễn Văn Minh Tâm", "Trần Thị Ngọc Hân").
  if (rng.chance(0.08) && (middle === 'Văn' || middle === 'Thị')) middle = `${middle} ${rng.pick(female ? ['Ngọc', 'Kim', 'Thanh', 'Mỹ'] : ['Minh', 'Hoàng', 'Thanh', 'Quốc'])}`;
  const given = rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  return `${family} ${middle} ${given}`;
}

export const OTHER_PROVINCES = [
  'thành phố Cần Thơ', 'tỉnh Hậu Giang', 'tỉnh Bạc Liêu', 'tỉnh Trà Vinh', 'tỉnh Vĩnh Long', 'tỉnh An Giang',
  'tỉnh Kiên Giang', 'tỉnh Cà Mau', 'tỉnh Bến Tre', 'tỉnh Tiền Giang', 'tỉnh Đồng Tháp', 'tỉnh Long An',
  'thành phố Hồ Chí Minh', 'tỉnh Nghệ An', 'tỉnh Thanh Hóa', 'tỉnh Quảng Ngãi', 'tỉnh Bình Định', 'thành phố Hà Nội',
];

export const HAMLETS = [
  'Prey Chóp', 'Sóc Vồ', 'Tà Ân', 'Bưng Tum', 'Trà Teo', 'Đai Trí', 'Vĩnh Thành', 'Hòa Phuông', 'Xẻo Me',
  'Giồng Chùa', 'Phú Giao', 'Ca Lạc', 'Nô Puốl', 'Kinh Ngay', 'Cổ Cò', 'Bờ Đập', 'Sóc Tro', 'Trà Sết', 'Đầu Giồng',
  'Tân Lộc', 'Phước Thuận', 'Hòa Hinh', 'Mỹ Lợi', 'Kinh Xáng', 'Nhà Thờ', 'Tắc Gồng', 'Chông Nô', 'Bào Lớn',
  'Trà Quýt', 'Sân Chim', 'Âu Thọ', 'Bưng Cóc', 'Khu 1', 'Khu 2', 'Khu 3', 'Phú Thứ', 'Mỹ Phước', 'An Nghiệp',
];

export const STREETS = [
  'Trần Hưng Đạo', 'Lê Hồng Phong', 'Hùng Vương', 'Phú Lợi', 'Tôn Đức Thắng', 'Nguyễn Văn Linh', 'Lê Duẩn',
  'Mạc Đĩnh Chi', 'Hai Bà Trưng', 'Điện Biên Phủ', 'Nguyễn Huệ', 'Lý Thường Kiệt', 'Trần Bình Trọng', 'Phạm Hùng',
  'Võ Văn Kiệt', 'Nguyễn Chí Thanh', 'Lê Lợi', 'Quang Trung', 'Nguyễn Trung Trực', 'Sóc Vồ', 'Bạch Đằng',
];

export const PHONE_PREFIXES = ['090', '091', '094', '098', '097', '096', '086', '088', '083', '084', '085', '081', '082', '070', '076', '077', '078', '079', '032', '033', '034', '035', '036', '037', '038', '039', '039', '093', '089'];

/** First letter upper-case ("xã Vĩnh Hải" -> "Xã Vĩnh Hải"). */
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
