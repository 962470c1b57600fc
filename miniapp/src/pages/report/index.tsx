import { Placeholder } from '../../components/Placeholder';

export default function ReportPage() {
  return <Placeholder title='我要报告' />;
}
